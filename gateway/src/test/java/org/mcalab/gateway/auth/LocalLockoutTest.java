package org.mcalab.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.GatewayOptions;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.admin.AdminServer;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.AsaConfigParser;
import org.mcalab.gateway.config.LocalUser;
import org.mcalab.gateway.it.Lab;
import org.mcalab.gateway.it.TlsHttpClient;
import org.mcalab.protocol.xml.ClientMessages;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthParser;

/** {@code aaa local authentication attempts max-fail}: guessing a local user's password locks the user. */
class LocalLockoutTest {
    private static final String PASSWORD = "mcalab-alice";

    /** The lab's pki-init config (which says max-fail 10) with another limit, to keep the test short. */
    private static RunningGateway gateway(Lab lab, int maxFail) throws Exception {
        String text = Files.readString(lab.file("asa.cfg"));
        assertThat(text).contains("aaa local authentication attempts max-fail 10\n");
        AsaConfig config = AsaConfigParser.parse(text.replace("max-fail 10\n", "max-fail " + maxFail + "\n"));
        return Gateway.start(GatewayOptions.builder(config, lab.identity())
                .listen(new InetSocketAddress("127.0.0.1", 0)).admin(new InetSocketAddress("127.0.0.1", 0))
                .traceOut(null).build());
    }

    private static HttpResponse<String> admin(RunningGateway g, String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + g.adminAddress().orElseThrow().getPort() + path))
                .header(AdminServer.TOKEN_HEADER, g.adminToken().orElseThrow())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** init on the password group, then the form answer. */
    private static ConfigAuth login(Lab lab, RunningGateway g, String password) throws Exception {
        ClientMessages.ClientInfo client = ClientMessages.ClientInfo.openconnectLinux(false);
        try (TlsHttpClient c = TlsHttpClient.connect(lab.tls(null), g.port())) {
            ConfigAuth form = ConfigAuthParser.parse(c.post("/AAA", ClientMessages.init(client, "https://127.0.0.1/AAA", null, false)).body());
            return ConfigAuthParser.parse(c.post("/AAA",
                    ClientMessages.passwordReply(client, form.opaqueXml(), "alice", password, null)).body());
        }
    }

    private static boolean loggedIn(ConfigAuth answer) {
        return answer.sessionToken() != null && !answer.sessionToken().isBlank();
    }

    @Test
    void afterMaxFailGuessesTheUserIsLockedAndTheRightPasswordIsRefusedToo() throws Exception {
        Lab lab = Lab.shared();
        try (RunningGateway g = gateway(lab, 3)) {
            assertThat(loggedIn(login(lab, g, "guess-1"))).isFalse();
            assertThat(loggedIn(login(lab, g, "guess-2"))).isFalse();
            ConfigAuth third = login(lab, g, "guess-3");
            assertThat(third.errors()).anyMatch(e -> e.contains("the account is now locked after 3 failed attempts"
                    + " (aaa local authentication attempts max-fail)"));
            ConfigAuth right = login(lab, g, PASSWORD);
            assertThat(loggedIn(right)).isFalse();
            assertThat(right.errors()).anyMatch(e -> e.contains("the account is locked after 3 failed attempts"));
            assertThat(g.sessions().active()).isEmpty();

            // clear aaa local user lockout, through the admin endpoint
            assertThat(admin(g, "GET", "/aaa/lockout").body()).contains("\"locked\" : [ \"alice\" ]");
            assertThat(admin(g, "POST", "/aaa/lockout/clear?username=alice").body()).contains("\"unlocked\" : [ \"alice\" ]");
            assertThat(loggedIn(login(lab, g, PASSWORD))).isTrue();
            assertThat(admin(g, "POST", "/aaa/lockout/clear").body()).contains("\"unlocked\" : [ ]");
        }
    }

    @Test
    void aSuccessResetsTheCountAndWithoutMaxFailThereIsNoLimit() throws Exception {
        Lab lab = Lab.shared();
        try (RunningGateway g = gateway(lab, 3)) {
            login(lab, g, "guess-1");
            login(lab, g, "guess-2");
            assertThat(loggedIn(login(lab, g, PASSWORD))).isTrue();
            login(lab, g, "guess-3");
            login(lab, g, "guess-4");
            assertThat(loggedIn(login(lab, g, PASSWORD))).as("two consecutive failures, not four").isTrue();
        }
        LocalLockout none = new LocalLockout(OptionalInt.empty());
        LocalUser alice = new LocalUser("alice", PASSWORD, false, 0);
        for (int i = 0; i < 100; i++) {
            assertThat(none.failed(alice)).isFalse();
        }
        assertThat(none.locked(alice)).isFalse();
    }

    @Test
    void privilege15IsNeverLockedAsOnTheAsa() {
        LocalLockout lockout = new LocalLockout(OptionalInt.of(2));
        LocalUser admin = new LocalUser("admin", "x", false, 15);
        LocalUser user = new LocalUser("user", "x", false, 14);
        for (int i = 0; i < 5; i++) {
            lockout.failed(admin);
        }
        assertThat(lockout.locked(admin)).isFalse();
        assertThat(lockout.failed(user)).isFalse();
        assertThat(lockout.failed(user)).as("the second failure locks").isTrue();
        assertThat(lockout.locked(user)).isTrue();
        assertThat(lockout.failed(user)).as("only once").isFalse();
    }
}
