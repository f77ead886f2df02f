package org.mcalab.cli;

import org.mcalab.fixtures.CrlServer;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.GatewayException;
import org.mcalab.gateway.GatewayOptions;
import org.mcalab.gateway.TlsEngine;
import org.mcalab.gateway.admin.AdminTokenFile;
import org.mcalab.gateway.auth.McaPolicy;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.ServerIdentity;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.AsaConfigException;
import org.mcalab.gateway.config.AsaConfigParser;
import org.mcalab.gateway.config.AsaConfigSummary;
import org.mcalab.gateway.config.ConfigFileException;
import org.mcalab.gateway.config.ParseWarning;
import org.mcalab.gateway.pki.ValidatedCertificate.CertificateKind;
import org.mcalab.gateway.trace.DebugCategory;
import org.mcalab.gateway.tunnel.TunInsideNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcalab gateway}: runs the reference gateway from an ASA running-config, or checks a config. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Run the reference SSL VPN gateway (aggregate-auth, multiple-certificate) from an ASA running-config.",
                "Prints config warnings on stderr, then one line 'listening on https://HOST:PORT', and runs until "
                        + "SIGINT/SIGTERM. With --check, prints the parsed configuration and exits."})
final class GatewayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "ASA running-config to serve (e.g. asa.cfg from 'mcalab pki init').")
    Path config;

    @Option(names = "--check", paramLabel = "FILE", description = "Parse FILE, print the model summary, exit 0 (or 2 with the error's line).")
    Path check;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "HTTPS address (default: ${DEFAULT-VALUE}; port 0 = any free port).")
    String listen = "127.0.0.1:8443";

    @Mixin
    AdminOptions admin = new AdminOptions();

    @Option(names = "--no-admin", description = "Do not start the admin endpoint.")
    boolean noAdmin;

    @Option(names = "--server-cert", paramLabel = "FILE", description = "Server certificate PEM (default: gateway.pem beside the config).")
    Path serverCert;

    @Option(names = "--server-key", paramLabel = "FILE", description = "Server key PEM (default: gateway.key beside the config).")
    Path serverKey;

    @Option(names = "--no-dtls", description = "No DTLS beside CSTP: no UDP socket, no X-DTLS-* headers in the "
            + "CONNECT reply, every tunnel on TLS.")
    boolean noDtls;

    @Option(names = "--no-crl-server", description = "Do not serve the CRLs of the minted PKI beside the config "
            + "(by default, when the config sits beside manifest.json and crl/ from 'mcalab pki init', the gateway "
            + "serves crl/ at the loopback URL the certificates' distribution points name).")
    boolean noCrlServer;

    @Option(names = "--tls", paramLabel = "ENGINE",
            description = "HTTPS/CSTP TLS engine: openssl (BoringSSL via netty-tcnative) or jdk "
                    + "(default: openssl where netty-tcnative loads, else jdk). DTLS always uses the JDK engine.")
    String tls;

    @Option(names = "--tls-certificate", paramLabel = "KINDS",
            description = "Trustpoint kinds that may validate the first (TLS) certificate of an MCA login, the same "
                    + "for every client whatever device-id it sends: machine (default) or machine,user (also lets "
                    + "clients in with two user certificates, MCA-LIM-4).")
    String tlsCertificate;

    @Option(names = "--debug", paramLabel = "CATEGORY",
            description = "Print a debug category: 'aggregate-auth xml', 'aggregate-auth ssl', 'crypto ca', "
                    + "'webvpn anyconnect', 'dtls', or 'all'. Repeatable.")
    List<String> debug = new ArrayList<>();

    @Mixin
    InsideNetworkOptions inside = new InsideNetworkOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (check != null) {
            AsaConfig parsed = parse(check);
            out.print(AsaConfigSummary.render(parsed));
            out.flush();
            return Main.OK;
        }
        if (config == null) {
            throw new UsageException("gateway: --config FILE is required (or --check FILE)");
        }
        AsaConfig parsed = parse(config);
        for (ParseWarning w : parsed.warnings()) {
            err.println("warning: " + w);
        }
        err.flush();
        CrlServer.Beside crls = noCrlServer ? new CrlServer.Beside(Optional.empty(), null) : CrlServer.besideConfig(config);
        Optional<TunInsideNetwork> tun;
        try {
            tun = inside.open(parsed);
        } catch (RuntimeException e) {
            crls.server().ifPresent(CrlServer::close);
            throw e;
        }
        RunningGateway gateway;
        try {
            GatewayOptions.Builder options = options(parsed);
            tun.ifPresent(t -> options.tunnelService(InsideNetworkOptions.tunnels(parsed, t)));
            gateway = Gateway.start(options.build());
        } catch (GatewayException | RuntimeException e) {
            tun.ifPresent(TunInsideNetwork::close);
            crls.server().ifPresent(CrlServer::close);
            if (e instanceof GatewayException) {
                throw new UsageException(e.getMessage());
            }
            throw e;
        }
        Optional<Path> tokenFile;
        try {
            tokenFile = writeAdminToken(gateway, err);
        } catch (RuntimeException e) { // it has closed the gateway; what was started for it goes too
            tun.ifPresent(TunInsideNetwork::close);
            crls.server().ifPresent(CrlServer::close);
            throw e;
        }
        tun.ifPresent(t -> err.println("inside network: TUN device " + t.deviceName()));
        if (crls.line() != null) {
            err.println(crls.line());
        }
        err.println("tls engine: " + engine("--tls", tls).label());
        err.flush();
        Thread hook = new Thread(gateway::close, "mcalab-gateway-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("listening on " + gateway.url());
        out.flush();
        try {
            gateway.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            gateway.close();
            tun.ifPresent(TunInsideNetwork::close);
            tokenFile.ifPresent(f -> f.toFile().delete());
            crls.server().ifPresent(CrlServer::close);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: that is what stopped us
            }
        }
        return Main.OK;
    }

    /** The gateway's options from the command line, for the parsed {@code --config}. */
    GatewayOptions.Builder options(AsaConfig parsed) {
        Path dir = config.toAbsolutePath().getParent();
        Path cert = serverCert != null ? serverCert : dir.resolve("gateway.pem");
        Path key = serverKey != null ? serverKey : dir.resolve("gateway.key");
        GatewayOptions.Builder options;
        try {
            options = GatewayOptions.builder(parsed, ServerIdentity.load(cert, key))
                    .listen(HostPort.parse("--listen", listen))
                    .debug(categories())
                    .dtls(!noDtls)
                    .tlsEngine(engine("--tls", tls));
        } catch (GatewayException e) {
            throw new UsageException(e.getMessage());
        }
        if (!noAdmin) {
            options.admin(admin.address());
        }
        if (tlsCertificate != null) {
            options.mcaPolicy(McaPolicy.defaults().withTlsKinds(tlsCertificateKinds(tlsCertificate)));
        }
        return options;
    }

    /** {@code --tls-certificate}: "machine", "user" or both, comma-separated. */
    static EnumSet<CertificateKind> tlsCertificateKinds(String text) {
        EnumSet<CertificateKind> kinds = EnumSet.noneOf(CertificateKind.class);
        for (String word : text.split(",")) {
            String w = word.trim().toUpperCase(java.util.Locale.ROOT);
            if (!w.equals("MACHINE") && !w.equals("USER")) {
                throw new UsageException("--tls-certificate: '" + word.trim() + "' is not machine or user");
            }
            kinds.add(CertificateKind.valueOf(w));
        }
        return kinds;
    }

    /** Leaves the admin token where {@code show}/{@code debug} look for it (README "The reference gateway"). */
    private Optional<Path> writeAdminToken(RunningGateway gateway, PrintWriter err) {
        if (gateway.adminToken().isEmpty()) {
            return Optional.empty();
        }
        Path file = admin.tokenFile(gateway.adminAddress().orElseThrow().getPort());
        try {
            AdminTokenFile.write(file, gateway.adminToken().get());
        } catch (IOException | UnsupportedOperationException e) {
            gateway.close();
            throw new UsageException("cannot write the admin token file " + file + ": " + e.getMessage()
                    + " (use --admin-token-file or --no-admin)");
        }
        InetSocketAddress a = gateway.adminAddress().get();
        err.println("admin endpoint: " + a.getAddress().getHostAddress() + ":" + a.getPort() + ", token in " + file + " (0600)");
        return Optional.of(file);
    }

    /** The engine an option names, or the preferred one when it was not given. */
    static TlsEngine engine(String option, String value) {
        if (value == null) {
            return TlsEngine.preferred();
        }
        TlsEngine engine;
        try {
            engine = TlsEngine.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
        if (!engine.available()) {
            throw new UsageException(option + ": " + engine.label() + " is not available on this platform; use jdk");
        }
        return engine;
    }

    private EnumSet<DebugCategory> categories() {
        EnumSet<DebugCategory> set = EnumSet.noneOf(DebugCategory.class);
        for (String d : debug) {
            if (d.trim().equalsIgnoreCase("all")) {
                set.addAll(EnumSet.allOf(DebugCategory.class));
            } else {
                try {
                    set.add(DebugCategory.fromCommand(d));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--debug: " + e.getMessage());
                }
            }
        }
        return set;
    }

    private static AsaConfig parse(Path file) {
        try {
            return AsaConfigParser.parse(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("config file " + file + " does not exist");
        } catch (ConfigFileException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        } catch (AsaConfigException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }
}
