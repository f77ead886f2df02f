package org.mcalab.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.session.AuthMode;
import org.mcalab.gateway.session.Login;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.SessionDb;

/**
 * Sessions that log in but never send CONNECT: the sweep ends them after {@code vpn-idle-timeout} (and
 * {@code vpn-session-timeout}) on the gateway clock, so an abandoned login does not keep a usable cookie forever.
 */
class UntunnelledSessionSweepTest {
    /** Real-length minutes: time is moved by hand (and the sweep runs as it came due), nothing sleeps. */
    private final ManualTime time = new ManualTime();
    private final SessionDb sessions = new SessionDb(time.clock, new SecureRandom(), "7f000001");
    private CstpTunnelService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private void start(String... policyLines) {
        AsaConfig config = SeedConfig.with("192.168.100.1-192.168.100.254", policyLines);
        service = time.attach(CstpTunnelService.forConfig(config, time.clock, time.ticker), sessions);
    }

    private SessionDb.Opened login(String user) {
        return sessions.open(new Login(user, "ANYCONNECT-MCA", "Grouppolicy-MCA", "127.0.0.1", 50000, 443,
                AuthMode.MULTIPLE_CERTIFICATE, "linux-64", "Open AnyConnect VPN Agent v9.01-3", "TLSv1.3",
                "TLS_AES_256_GCM_SHA384", null, null, Optional.of(Duration.ofMinutes(1))));
    }

    @Test
    void aSessionThatNeverConnectsIdlesOutAndItsCookieDies() {
        start(" vpn-idle-timeout 2");
        SessionDb.Opened opened = login("u");
        time.advance(Duration.ofSeconds(119));
        assertThat(opened.session().active()).as("idle for 1:59 of 2:00").isTrue();

        time.advance(Duration.ofSeconds(1));
        assertThat(opened.session().active()).isFalse();
        assertThat(opened.session().endReason()).contains("Idle Timeout");
        assertThat(sessions.findActive(opened.token())).as("the cookie no longer opens a tunnel").isEmpty();
    }

    @Test
    void theGroupPolicysIdleTimeoutRulesNotTheOneCopiedAtLogin() {
        // the login copied 1 minute; the policy says none: the sweep reads the policy, as it does for tunnels
        start(" vpn-idle-timeout none");
        SessionDb.Opened opened = login("u");
        time.advance(Duration.ofHours(10));
        assertThat(opened.session().active()).isTrue();
    }

    @Test
    void theSessionTimeoutAppliesWithoutATunnelToo() {
        start(" vpn-idle-timeout none", " vpn-session-timeout 5");
        SessionDb.Opened opened = login("u");
        time.advance(Duration.ofMinutes(4));
        assertThat(opened.session().active()).isTrue();
        time.advance(Duration.ofMinutes(1));
        assertThat(opened.session().endReason()).contains("Max time exceeded");
    }

    @Test
    void onlyTheAbandonedLoginEndsNotTheConnectedOne() {
        start(" vpn-idle-timeout 2");
        SessionDb.Opened abandoned = login("u");
        SessionDb.Opened connected = login("v");
        EmbeddedChannel tunnel = connect(connected.session());
        // the connected session's idle time runs from its data (a packet a minute), the abandoned one's from its login
        byte[] packet = TestPackets.udp("192.168.100.1", "192.168.1.1", 1, 9, new byte[0]);
        for (int minute = 0; minute < 3; minute++) {
            time.advance(Duration.ofMinutes(1));
            tunnel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'S', 'T', 'F', 1, 0, (byte) packet.length, 0, 0}, packet));
        }
        assertThat(abandoned.session().active()).isFalse();
        assertThat(connected.session().active()).isTrue();
        assertThat(tunnel.isActive()).isTrue();
        assertThat(connected.session().assignedIp()).isPresent();
        assertThat(abandoned.session().assignedIp()).as("no address was ever leased for it").isEmpty();
    }

    private EmbeddedChannel connect(Session session) {
        EmbeddedChannel ch = time.channel();
        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ((ByteBuf) msg).release();
                service.connect(ctx, new DefaultHttpHeaders().add("X-CSTP-MTU", "1390"), session, null);
            }
        });
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'C'}));
        ByteBuf response = ch.readOutbound();
        response.release();
        return ch;
    }
}
