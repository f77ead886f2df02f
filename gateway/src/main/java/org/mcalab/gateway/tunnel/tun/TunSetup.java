package org.mcalab.gateway.tunnel.tun;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How the TUN device is wired into the host, done with iproute2 right after the device is created: optionally
 * moved into a network namespace (the device's descriptor keeps working from the gateway's namespace, so the
 * inside network can be a namespace of its own while the gateway listens on loopback), brought up with the
 * tunnel MTU, given the gateway's inside address, and routed back to the client pools.
 *
 * @param namespace    network namespace to move the device into (must exist), or empty for the current one
 * @param mtu          device MTU
 * @param address      the gateway's address on the inside network, with its prefix length (seed: 192.168.1.1/24,
 *                     the {@code nameif inside} interface), or empty to leave the device unnumbered
 * @param prefixLength prefix length of {@code address}
 * @param clientRoutes networks routed to the device: the {@code ip local pool} subnets, so replies reach clients
 */
public record TunSetup(Optional<String> namespace, int mtu, Optional<Inet4Address> address, int prefixLength,
                       List<Route> clientRoutes) {

    /** A network as address and prefix length. */
    public record Route(Inet4Address network, int prefixLength) {
        @Override
        public String toString() {
            return network.getHostAddress() + "/" + prefixLength;
        }
    }

    public TunSetup {
        clientRoutes = List.copyOf(clientRoutes);
        namespace.ifPresent(ns -> {
            if (!ns.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new IllegalArgumentException("network namespace name not usable: '" + ns + "'");
            }
        });
    }

    /** The ip(8) commands, in order, for device {@code device}. */
    public List<List<String>> commands(String device) {
        List<List<String>> commands = new ArrayList<>();
        namespace.ifPresent(ns -> commands.add(List.of("ip", "link", "set", "dev", device, "netns", ns)));
        commands.add(ip("link", "set", "dev", device, "mtu", Integer.toString(mtu), "up"));
        address.ifPresent(a -> commands.add(ip("addr", "add", a.getHostAddress() + "/" + prefixLength, "dev", device)));
        for (Route r : clientRoutes) {
            commands.add(ip("route", "replace", r.toString(), "dev", device));
        }
        return commands;
    }

    /** Runs {@link #commands}; the first that fails stops it, with ip's own message. */
    public void apply(String device) throws TunException {
        for (List<String> command : commands(device)) {
            run(command);
        }
    }

    private List<String> ip(String... args) {
        List<String> c = new ArrayList<>(List.of("ip"));
        namespace.ifPresent(ns -> c.addAll(List.of("-n", ns)));
        c.addAll(List.of(args));
        return c;
    }

    private static void run(List<String> command) throws TunException {
        String shown = String.join(" ", command);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new TunException("cannot run " + shown + ": " + e.getMessage() + " (is iproute2 installed?)");
        }
        String said;
        boolean exited;
        try {
            p.getOutputStream().close();
            said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            exited = p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            p.destroyForcibly();
            throw new TunException(shown + ": " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TunException("interrupted while running " + shown);
        }
        if (!exited) {
            p.destroyForcibly();
            throw new TunException(shown + ": no answer in 10 s");
        }
        if (p.exitValue() != 0) {
            throw new TunException(shown + " failed: " + said);
        }
    }
}
