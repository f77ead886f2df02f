package org.mcalab.load.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.reports.model.RobustnessSection;

/** A short soak against the in-process gateway: churn, bad clients, and nothing left behind (MCA-ROB-3). */
@Tag("slow")
class SoakTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void shortSoakLeavesNothingBehind() throws Exception {
        try (EmbeddedLab lab = EmbeddedLab.start(dir, b -> b)) {
            SoakFigures f = Soak.run(lab.target(), lab, SoakOptions.of(Duration.ofSeconds(12), 5).withTunnels(true));
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
            assertThat(lab.activeSessions()).isZero();
        }
    }

    /** The leak check can fail: a gateway whose logout does nothing keeps the sessions, and the soak says so. */
    @Test
    @Timeout(120)
    void aLogoutThatDoesNotEndTheSessionIsReportedAsALeak() throws Exception {
        try (EmbeddedLab lab = EmbeddedLab.start(dir, b -> b)) {
            SoakGateway forgetful = new SoakGateway() {
                @Override
                public int activeSessions() {
                    return lab.activeSessions();
                }

                @Override
                public int pendingAuthentications() {
                    return lab.pendingAuthentications();
                }

                @Override
                public OptionalInt poolSize() {
                    return OptionalInt.empty();
                }

                @Override
                public boolean logout(String sessionToken) {
                    return true; // claims success, ends nothing
                }
            };
            SoakFigures f = Soak.run(lab.target(), forgetful, SoakOptions.of(Duration.ofSeconds(3), 4));
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
        try (EmbeddedLab lab = EmbeddedLab.start(dir, b -> b)) {
            SoakGateway oneMissing = new SoakGateway() {
                @Override
                public int activeSessions() {
                    return lab.activeSessions();
                }

                @Override
                public int pendingAuthentications() {
                    return lab.pendingAuthentications();
                }

                @Override
                public OptionalInt poolSize() {
                    return OptionalInt.of(EmbeddedLab.POOL_SIZE + 1);
                }

                @Override
                public boolean logout(String sessionToken) {
                    return lab.logout(sessionToken);
                }
            };
            SoakFigures f = Soak.run(lab.target(), oneMissing, SoakOptions.of(Duration.ofSeconds(2), 4).withTunnels(true));
            assertThat(f.addressesInUse()).hasValue(1);
            assertThat(f.leaks()).anyMatch(l -> l.contains("pool address"));
            assertThat(f.sessionsLost()).isZero();
        }
    }
}
