package org.mcalab.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TargetCheckTest {
    private static final Duration QUICK = Duration.ofSeconds(2);

    @Test
    void refusesANonLoopbackTargetWithoutAllowRemoteBeforeConnecting() {
        // 192.0.2.1 is TEST-NET-1: the refusal happens before any packet could be sent there
        assertThatThrownBy(() -> TargetCheck.require(URI.create("https://192.0.2.1:8443"), false, QUICK))
                .isInstanceOf(LoadSetupException.class)
                .hasMessageContaining("not a loopback address")
                .hasMessageContaining("--allow-remote");
    }

    @Test
    @Timeout(20)
    void anUnreachableLoopbackTargetIsAnErrorNotAHang() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> TargetCheck.require(URI.create("https://127.0.0.1:" + closedPort), false, QUICK))
                .isInstanceOf(LoadSetupException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("unreachable");
    }

    @Test
    void aListeningLoopbackTargetPasses() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress a = TargetCheck.require(URI.create("https://127.0.0.1:" + s.getLocalPort() + "/MCA"), false, QUICK);
            assertThat(a.getAddress().isLoopbackAddress()).isTrue();
            assertThat(a.getPort()).isEqualTo(s.getLocalPort());
        }
    }

    @Test
    void onlyHttpsUrlsAreTargets() {
        assertThatThrownBy(() -> TargetCheck.require(URI.create("http://127.0.0.1:8443"), false, QUICK))
                .isInstanceOf(LoadSetupException.class).hasMessageContaining("https://");
    }

    @Test
    void theDefaultPortIs443() {
        assertThat(TargetCheck.port(URI.create("https://localhost"))).isEqualTo(443);
        assertThat(TargetCheck.port(URI.create("https://localhost:4443"))).isEqualTo(4443);
    }
}
