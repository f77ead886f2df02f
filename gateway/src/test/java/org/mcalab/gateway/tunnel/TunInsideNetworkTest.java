package org.mcalab.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mcalab.gateway.tunnel.tun.TunException;
import org.mcalab.gateway.tunnel.tun.TunSetup;

/**
 * The TUN inside network against the real kernel, in a network namespace this test makes (root only; skipped
 * elsewhere): the device moves into the namespace with the inside address and the pool route, the namespace's
 * kernel answers a client's ping through it, and the reply comes back to that client's sink byte for byte.
 */
@Tag("interop")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TunInsideNetworkTest {
    private static final String CLIENT = "192.168.100.7";
    private static final String INSIDE = "192.168.1.1";
    private final String namespace = "mcatun" + ProcessHandle.current().pid();
    private TunInsideNetwork network;

    @BeforeEach
    void namespace() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean tun = Files.exists(Path.of("/dev/net/tun"));
        if (!root || !tun) {
            System.err.println("!!!!!!!! TunInsideNetworkTest SKIPPED: needs root and /dev/net/tun !!!!!!!!");
        }
        Assumptions.assumeTrue(root && tun, "root and /dev/net/tun are needed");
        run("ip", "netns", "add", namespace);
        run("ip", "-n", namespace, "link", "set", "lo", "up");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (network != null) {
            network.close();
        }
        if ("root".equals(System.getProperty("user.name"))) {
            new ProcessBuilder("ip", "netns", "del", namespace).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private TunSetup setup() throws Exception {
        return new TunSetup(Optional.of(namespace), 1400, Optional.of((Inet4Address) InetAddress.getByName(INSIDE)), 24,
                List.of(new TunSetup.Route((Inet4Address) InetAddress.getByName("192.168.100.0"), 24)));
    }

    @Test
    void theNamespacesKernelAnswersAPingSentThroughTheDevice() throws Exception {
        network = TunInsideNetwork.open("mcatest%d", setup());
        String routes = output("ip", "-n", namespace, "route", "show", "dev", network.deviceName());
        assertThat(routes).contains("192.168.100.0/24", "192.168.1.0/24");
        assertThat(output("ip", "-n", namespace, "link", "show", "dev", network.deviceName())).contains("mtu 1400", "UP");

        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        InsideNetwork.Port port = network.attach((Inet4Address) InetAddress.getByName(CLIENT), p -> {
            received.add(ByteBufUtil.getBytes(p));
            p.release();
        });
        byte[] data = "mcalab tun inside network".getBytes();
        assertThat(port.send(Unpooled.wrappedBuffer(TestPackets.icmpEcho(CLIENT, INSIDE, 0x4d43, 1, data)))).isNull();

        byte[] reply = received.poll(5, TimeUnit.SECONDS);
        assertThat(reply).as("the kernel's echo reply").isNotNull();
        assertThat(reply[9]).as("ICMP").isEqualTo((byte) 1);
        assertThat(reply[20]).as("echo reply type").isEqualTo((byte) 0);
        assertThat(java.util.Arrays.copyOfRange(reply, 12, 16)).isEqualTo(InetAddress.getByName(INSIDE).getAddress());
        assertThat(java.util.Arrays.copyOfRange(reply, 16, 20)).isEqualTo(InetAddress.getByName(CLIENT).getAddress());
        assertThat(java.util.Arrays.copyOfRange(reply, 28, reply.length)).isEqualTo(data);
        assertThat(TestPackets.ipHeaderChecksumValid(reply)).isTrue();
        assertThat(TestPackets.icmpChecksumValid(reply)).isTrue();
        TunInsideNetwork.Stats s = network.stats();
        assertThat(s.toKernel()).isEqualTo(1);
        assertThat(s.fromKernel()).isEqualTo(1);
        assertThat(s.fromKernelBytes()).isEqualTo(reply.length);
    }

    @Test
    void spoofedAndMalformedPacketsNeverReachTheKernelAndOtherClientsAreRoutedDirectly() throws Exception {
        network = TunInsideNetwork.open("mcatest%d", setup());
        BlockingQueue<byte[]> other = new LinkedBlockingQueue<>();
        InsideNetwork.Port port = network.attach((Inet4Address) InetAddress.getByName(CLIENT), ByteBuf::release);
        network.attach((Inet4Address) InetAddress.getByName("192.168.100.8"), p -> {
            other.add(ByteBufUtil.getBytes(p));
            p.release();
        });

        assertThat(port.send(Unpooled.wrappedBuffer(TestPackets.icmpEcho("192.168.100.99", INSIDE, 1, 1, new byte[8]))))
                .isEqualTo("source 192.168.100.99 is not the tunnel's address");
        assertThat(port.send(Unpooled.wrappedBuffer(new byte[]{0x45, 0, 0}))).contains("shorter than an IPv4 header");
        byte[] toPeer = TestPackets.udp(CLIENT, "192.168.100.8", 4000, 4001, "hello peer".getBytes());
        assertThat(port.send(Unpooled.wrappedBuffer(toPeer))).isNull();

        assertThat(other.poll(5, TimeUnit.SECONDS)).isEqualTo(toPeer);
        TunInsideNetwork.Stats s = network.stats();
        assertThat(s.toKernel()).isZero();
        assertThat(s.routed()).isEqualTo(1);
        assertThat(s.dropped()).isEqualTo(2);
    }

    @Test
    void closingRemovesTheDeviceAndAFailingSetupLeavesNoDevice() throws Exception {
        network = TunInsideNetwork.open("mcatest%d", setup());
        String name = network.deviceName();
        network.close();
        network = null;
        assertThat(new ProcessBuilder("ip", "-n", namespace, "link", "show", "dev", name).start().waitFor()).isNotZero();

        TunSetup nowhere = new TunSetup(Optional.of("mca-no-such-ns"), 1400, Optional.empty(), 32, List.of());
        assertThatThrownBy(() -> TunInsideNetwork.open("mcatestfail", nowhere))
                .isInstanceOf(TunException.class).hasMessageContaining("netns mca-no-such-ns");
        assertThat(new ProcessBuilder("ip", "link", "show", "dev", "mcatestfail").start().waitFor()).isNotZero();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }

    private static String output(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
