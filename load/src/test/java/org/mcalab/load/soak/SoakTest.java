package org.mcalab.load.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mcalab.fixtures.Manifest;
import org.mcalab.lab.ConfigEdit;
import org.mcalab.lab.EmbeddedGateway;
import org.mcalab.lab.GatewayUnderTest;
import org.mcalab.lab.SessionView;
import org.mcalab.lab.Target;
import org.mcalab.reports.model.RobustnessSection;

/** A short soak against the in-process gateway: churn, bad clients, and nothing left behind (MCA-ROB-3). */
@Tag("slow")
class SoakTest {
    /** A small pool, so an address that is never given back shows at once (the soak leases all of it at the end). */
    static final int POOL_SIZE = 8;
    static final EmbeddedGateway.Setup SMALL_POOL = EmbeddedGateway.Setup.soak().with(
            ConfigEdit.pool(EmbeddedGateway.POOL, "192.168.100.1", "192.168.100." + POOL_SIZE, "255.255.255.0"));

    @Test
    @Timeout(180)
    void shortSoakLeavesNothingBehind() throws Exception {
        try (EmbeddedGateway lab = EmbeddedGateway.start(SMALL_POOL)) {
            SoakFigures f = Soak.run(lab.target(List.of()), SoakOptions.of(Duration.ofSeconds(12), 5).withTunnels(true));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            f.print(new PrintStream(out, true, StandardCharsets.UTF_8));
            String printed = out.toString(StandardCharsets.UTF_8);

            assertThat(f.unexpected()).as(printed).isEmpty();
            assertThat(f.logins()).as(printed).isGreaterThanOrEqualTo(10);
            assertThat(f.tunnels()).isEqualTo(f.logins());
            assertThat(f.logouts()).isGreaterThanOrEqualTo(f.logins());
            assertThat(f.addressesInUse()).hasValue(0);
            assertThat(f.badInputsTotal()).isGreaterThanOrEqualTo(4);
            f.badInputs().values().forEach(r -> assertThat(r.refusedAsRequired()).isEqualTo(r.attempts()));
            assertThat(f.sessionsLost()).isZero();
            assertThat(f.pendingLeft()).isZero();
            assertThat(f.leaks()).as(printed).isEmpty();
            assertThat(f.passed()).isTrue();
            assertThat(printed).contains("logins", "bad inputs", "sessions lost 0", "heap after GC", "leaks         none");

            RobustnessSection s = f.section();
            assertThat(s.leaks()).containsExactly("none");
            assertThat(s.probes()).allMatch(RobustnessSection.Probe::passed);
            assertThat(lab.sessions().orElseThrow().held().sessions()).isZero();
        }
    }

    /** The leak check can fail: a gateway whose logout does nothing keeps the sessions, and the soak says so. */
    @Test
    @Timeout(120)
    void aLogoutThatDoesNotEndTheSessionIsReportedAsALeak() throws Exception {
        try (EmbeddedGateway lab = EmbeddedGateway.start(SMALL_POOL)) {
            GatewayUnderTest.Sessions real = lab.sessions().orElseThrow();
            GatewayUnderTest.Sessions forgetful = new GatewayUnderTest.Sessions() {
                @Override
                public Optional<SessionView> find(String sessionToken) {
                    return real.find(sessionToken);
                }

                @Override
                public GatewayUnderTest.Held held() {
                    return real.held();
                }

                @Override
                public boolean logoff(String sessionToken) {
                    return true; // claims success, ends nothing
                }
            };
            SoakFigures f = Soak.run(tampered(lab, forgetful, OptionalInt.empty()), SoakOptions.of(Duration.ofSeconds(3), 4));
            assertThat(f.sessionsLost()).isGreaterThan(0);
            assertThat(f.leaks()).anyMatch(l -> l.contains("session(s) still active"));
            assertThat(f.passed()).isFalse();
            assertThat(f.section().leaks()).isNotEqualTo(java.util.List.of("none"));
        }
    }

    /** The pool check can fail: when one address more is expected back than the pool holds, the soak reports it. */
    @Test
    @Timeout(120)
    void anAddressThatCannotBeLeasedAgainIsReportedAsALeak() throws Exception {
        try (EmbeddedGateway lab = EmbeddedGateway.start(SMALL_POOL)) {
            SoakFigures f = Soak.run(tampered(lab, lab.sessions().orElseThrow(), OptionalInt.of(POOL_SIZE + 1)),
                    SoakOptions.of(Duration.ofSeconds(2), 4).withTunnels(true));
            assertThat(f.addressesInUse()).hasValue(1);
            assertThat(f.leaks()).anyMatch(l -> l.contains("pool address"));
            assertThat(f.sessionsLost()).isZero();
        }
    }

    /** The lab's gateway as the soak sees it, with its session database and pool size replaced. */
    private static Target tampered(EmbeddedGateway lab, GatewayUnderTest.Sessions sessions, OptionalInt poolSize) {
        GatewayUnderTest gateway = new GatewayUnderTest() {
            @Override
            public URI url() {
                return lab.url();
            }

            @Override
            public Manifest pki() {
                return lab.pki();
            }

            @Override
            public boolean reference() {
                return true;
            }

            @Override
            public String where() {
                return "tampered " + lab.where();
            }

            @Override
            public Optional<Sessions> sessions() {
                return Optional.of(sessions);
            }

            @Override
            public OptionalInt pendingAuths() {
                return lab.pendingAuths();
            }

            @Override
            public OptionalInt poolSize() {
                return poolSize;
            }

            @Override
            public OptionalLong heapAfterGc() {
                return lab.heapAfterGc();
            }
        };
        return new Target(gateway, lab.target(List.of()).trust(), List.of());
    }
}
