package org.mcalab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ocserv from apt (1.1.6, {@code auth = "certificate"}, no MCA) in a network namespace this creates, listening on
 * the namespace's own 127.0.0.1. Whatever must talk to it runs in the namespace too ({@link #command}); the suite's
 * tunnel scenarios then send their packets into ocserv's tun device inside the namespace, where nothing routes them
 * further. Closing stops every process in the namespace and deletes it.
 */
final class OcservNamespace implements AutoCloseable {
    static final int PORT = 4443;
    private static final long START_MILLIS = 20_000;

    private final String name;
    private final Process ocserv;
    private final Path log;

    private OcservNamespace(String name, Process ocserv, Path log) {
        this.name = name;
        this.ocserv = ocserv;
        this.log = log;
    }

    static boolean available() {
        return Executables.root() && Executables.onPath("ocserv") && Executables.onPath("ip");
    }

    /** Starts ocserv with the PKI's gateway identity, trusting its machine and user CAs for the TLS certificate. */
    static OcservNamespace start(Path pki, Path work) throws IOException, InterruptedException {
        // ocserv's sec-mod socket lives here; its workers must be able to reach it
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        Path cas = work.resolve("ocserv-ca.pem");
        Files.writeString(cas, Files.readString(pki.resolve("machine-ca.pem")) + Files.readString(pki.resolve("user-ca.pem")));
        Path config = work.resolve("ocserv.conf");
        Files.writeString(config, String.join("\n",
                "auth = \"certificate\"",
                "listen-host = 127.0.0.1",
                "tcp-port = " + PORT,
                "udp-port = 0",
                "run-as-user = root",
                "run-as-group = root",
                "socket-file = " + work.resolve("ocserv.sock"),
                "pid-file = " + work.resolve("ocserv.pid"),
                "server-cert = " + pki.resolve("gateway.chain.pem"),
                "server-key = " + pki.resolve("gateway.key"),
                "ca-cert = " + cas,
                "cert-user-oid = 2.5.4.3",
                "isolate-workers = false",
                "max-clients = 0",
                "max-same-clients = 0",
                "rate-limit-ms = 0",
                "max-ban-score = 0",
                "use-occtl = false",
                "device = vpns",
                "ipv4-network = 10.232.0.0",
                "ipv4-netmask = 255.255.255.0",
                "cisco-client-compat = true",
                "log-level = 1",
                ""));
        String name = "mcalab-oc-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        run("ip", "netns", "add", name);
        run("ip", "-n", name, "link", "set", "lo", "up");
        Path log = work.resolve("ocserv.log");
        Process p;
        try {
            p = new ProcessBuilder("ip", "netns", "exec", name, "ocserv", "-f", "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            run("ip", "netns", "del", name);
            throw e;
        }
        OcservNamespace ns = new OcservNamespace(name, p, log);
        long deadline = System.nanoTime() + START_MILLIS * 1_000_000;
        while (!Files.readString(log).contains("listening (TCP) on 127.0.0.1:" + PORT)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                String text = Files.readString(log);
                ns.close();
                throw new IOException("ocserv did not start in namespace " + name + ":\n" + text);
            }
            Thread.sleep(100); // waiting for a child process to listen: there is no event to wait on
        }
        return ns;
    }

    String url() {
        return "https://127.0.0.1:" + PORT + "/";
    }

    /** The command line that runs {@code command} inside the namespace. */
    List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop(ocserv.toHandle());
        // anything else left in the namespace (ocserv's sec-mod and workers, a stray child)
        Process pids = new ProcessBuilder("ip", "netns", "pids", name).redirectErrorStream(true).start();
        String out = new String(pids.getInputStream().readAllBytes());
        pids.waitFor();
        for (String pid : out.split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(OcservNamespace::stop);
            }
        }
        run("ip", "netns", "del", name);
    }

    private static void stop(ProcessHandle h) {
        List<ProcessHandle> all = new ArrayList<>(h.descendants().toList());
        all.add(h);
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
    }
}
