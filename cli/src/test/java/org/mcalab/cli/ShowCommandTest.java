package org.mcalab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShowCommandTest {
    @Test
    void anUnreachableAdminEndpointIsOneStderrLineAndExitTwo() throws Exception {
        int port = GatewayCommandTest.freePort();
        GatewayCommandTest.Outcome o = GatewayCommandTest.run("show", "vpn-sessiondb", "--admin", "127.0.0.1:" + port);
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).singleElement().asString().contains("cannot reach the gateway admin endpoint");
        GatewayCommandTest.Outcome d = GatewayCommandTest.run("debug", "all", "--off", "--admin", "127.0.0.1:" + port);
        assertThat(d.exitCode()).isEqualTo(2);
    }

    @Test
    void unknownWordsAreUsageErrors() {
        GatewayCommandTest.Outcome o = GatewayCommandTest.run("show", "vpn-sessiondb", "summary");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).singleElement().asString().contains("unknown word 'summary'");
    }
}
