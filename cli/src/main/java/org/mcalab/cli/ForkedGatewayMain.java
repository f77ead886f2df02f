package org.mcalab.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.mcalab.gateway.TlsEngine;
import org.mcalab.lab.LabException;

/**
 * The child side of {@link ForkedGateway}: starts a {@link LoadGateway} in its own JVM and answers one-line requests
 * on stdin with one line on stdout. It stops on {@code stop}, on end of stdin (the parent is gone, whatever killed
 * it), on SIGTERM, and after its lifetime bound, so it never outlives the load command.
 *
 * <pre>
 * (start)   -> ready URL PKI-DIR PID
 * heap      -> heap BYTES            (after full GCs)
 * inside    -> inside DISCARDED DISCARDED-BYTES ECHOED DROPPED
 * held      -> held SESSIONS WITH-TUNNELS
 * stop      -> (exits)
 * </pre>
 */
public final class ForkedGatewayMain {
    private ForkedGatewayMain() {}

    /** Arguments: {@code idle|traffic LIFETIME-SECONDS [openssl|jdk]}. */
    public static void main(String[] args) throws Exception {
        PrintStream protocol = System.out;
        System.setOut(System.err); // stdout is the protocol: nothing else may print there
        boolean idle = args.length > 0 && args[0].equals("idle");
        long lifetime = args.length > 1 ? Long.parseLong(args[1]) : 3600;
        LoadGateway gateway;
        try {
            gateway = LoadGateway.start(args.length > 2 ? TlsEngine.parse(args[2]) : TlsEngine.preferred(), idle);
        } catch (UsageException | LabException e) {
            System.err.println("mcalab forked gateway: " + e.getMessage());
            System.exit(Main.USAGE);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "mcalab-forked-shutdown"));
        Thread bound = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(lifetime);
                System.err.println("mcalab forked gateway: lifetime of " + lifetime + " s reached; stopping");
                System.exit(Main.FAILED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mcalab-forked-lifetime");
        bound.setDaemon(true);
        bound.start();
        protocol.println("ready " + gateway.url() + " " + gateway.pki().dir().toAbsolutePath() + " " + ProcessHandle.current().pid());
        protocol.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        String line;
        while ((line = in.readLine()) != null && !line.equals("stop")) {
            protocol.println(answer(gateway, line.trim().toLowerCase(Locale.ROOT)));
            protocol.flush();
        }
        System.exit(Main.OK); // the shutdown hook closes the gateway and deletes its directory
    }

    private static String answer(LoadGateway gateway, String request) {
        return switch (request) {
            case "heap" -> "heap " + gateway.heapAfterGc().orElse(-1);
            case "inside" -> gateway.inside()
                    .map(c -> "inside " + c.discardedPackets() + " " + c.discardedBytes() + " " + c.echoed() + " " + c.dropped())
                    .orElse("inside none");
            case "held" -> gateway.held().map(h -> "held " + h.sessions() + " " + h.withTunnels()).orElse("held none");
            default -> "error unknown request " + request;
        };
    }
}
