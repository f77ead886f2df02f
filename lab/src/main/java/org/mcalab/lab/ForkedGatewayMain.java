package org.mcalab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.mcalab.gateway.TlsEngine;

/**
 * The child side of {@link ForkedGateway}: starts the load runs' {@link EmbeddedGateway} in its own JVM with its
 * admin endpoint on 127.0.0.1:0 and says once, on stdout, where everything is:
 * <pre>ready URL PKI-DIR ADMIN-HOST:ADMIN-PORT ADMIN-TOKEN</pre>
 * Everything after that goes over the admin endpoint's HTTP (the token travels only through the parent's pipe).
 * It stops at the end of stdin (the parent closed it, or is gone, whatever killed it), on SIGTERM, and after its
 * lifetime bound, so it never outlives the command that forked it.
 */
public final class ForkedGatewayMain {
    /** The CLI's exit codes (cli Main): 0 ok, 1 failed, 2 usage or set-up error. */
    private static final int OK = 0;
    private static final int FAILED = 1;
    private static final int USAGE = 2;

    private ForkedGatewayMain() {}

    /** Arguments: {@code idle|traffic LIFETIME-SECONDS [openssl|jdk]}. */
    public static void main(String[] args) throws IOException {
        PrintStream parent = System.out;
        System.setOut(System.err); // stdout carries the ready line only
        boolean idle = args.length > 0 && args[0].equals("idle");
        long lifetime = args.length > 1 ? Long.parseLong(args[1]) : 3600;
        TlsEngine engine = args.length > 2 ? TlsEngine.parse(args[2]) : TlsEngine.preferred();
        EmbeddedGateway gateway;
        try {
            gateway = EmbeddedGateway.start(EmbeddedGateway.Setup.load(engine, idle)
                    .withOptions(o -> o.admin(new InetSocketAddress("127.0.0.1", 0))));
        } catch (LabException e) {
            System.err.println("mcalab forked gateway: " + e.getMessage());
            System.exit(USAGE);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "mcalab-forked-shutdown"));
        Thread bound = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(lifetime);
                System.err.println("mcalab forked gateway: lifetime of " + lifetime + " s reached; stopping");
                System.exit(FAILED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mcalab-forked-lifetime");
        bound.setDaemon(true);
        bound.start();
        InetSocketAddress admin = gateway.running().adminAddress().orElseThrow();
        parent.println("ready " + gateway.url() + " " + gateway.pkiDir().toAbsolutePath() + " "
                + admin.getAddress().getHostAddress() + ":" + admin.getPort() + " " + gateway.running().adminToken().orElseThrow());
        parent.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // nothing is read from the parent: its end of the pipe closing is the signal to stop
        }
        System.exit(OK); // the shutdown hook closes the gateway and deletes its directory
    }
}
