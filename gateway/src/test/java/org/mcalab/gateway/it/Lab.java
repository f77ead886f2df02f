package org.mcalab.gateway.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.OptionalLong;
import javax.net.ssl.SSLContext;
import org.mcalab.client.ClientIdentity;
import org.mcalab.client.ClientTls;
import org.mcalab.client.GatewayTrust;
import org.mcalab.fixtures.Credential;
import org.mcalab.fixtures.CrlServer;
import org.mcalab.fixtures.Manifest;
import org.mcalab.fixtures.PkiOptions;
import org.mcalab.fixtures.TestPki;
import org.mcalab.gateway.GatewayException;
import org.mcalab.gateway.GatewayOptions;
import org.mcalab.gateway.ServerIdentity;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.AsaConfigParser;

/**
 * The test lab shared by the gateway's tests: the minted PKI (once per JVM), a CRL server on 127.0.0.1 serving
 * its {@code crl/} directory, the parsed {@code asa.cfg}, and TLS client contexts per credential.
 */
public final class Lab {
    private static Lab shared;

    private final Path dir;
    private final Manifest manifest;
    private final AsaConfig config;
    private final ServerIdentity identity;
    private final Map<String, Credential> credentials = new ConcurrentHashMap<>();
    private final int crlPort;

    private Lab(Path dir, Manifest manifest, int crlPort) throws IOException, GatewayException {
        this.dir = dir;
        this.manifest = manifest;
        this.crlPort = crlPort;
        this.config = AsaConfigParser.parse(dir.resolve("asa.cfg"));
        this.identity = ServerIdentity.load(dir.resolve("gateway.pem"), dir.resolve("gateway.key"));
    }

    public static synchronized Lab shared() {
        if (shared == null) {
            try {
                Path root = Files.createTempDirectory("mcalab-gw-lab");
                Path pki = root.resolve("pki");
                // Never closed: the minted PKI and its CRLs live as long as the test JVM.
                CrlServer crls = CrlServer.ephemeral(pki.resolve("crl"));
                var result = TestPki.mint(pki, new PkiOptions(crls.baseUrl(), OptionalLong.of(20240601L), false));
                shared = new Lab(pki, result.manifest(), URI.create(crls.baseUrl()).getPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GatewayException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public Path dir() {
        return dir;
    }

    public Manifest manifest() {
        return manifest;
    }

    public AsaConfig config() {
        return config;
    }

    public ServerIdentity identity() {
        return identity;
    }

    public int crlPort() {
        return crlPort;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public Credential credential(String name) {
        return credentials.computeIfAbsent(name, manifest::load);
    }

    /** openconnect's trust and MCA credentials: the lab's CA bundle, machine certificate in TLS, user certificate in XML. */
    public List<String> openconnectMcaArguments() {
        return List.of("--cafile", file("ca-bundle.pem").toString(),
                "-c", file("machine.pem").toString(), "-k", file("machine.key").toString(),
                "--mca-certificate", file("user.pem").toString(), "--mca-key", file("user.key").toString());
    }

    /** An embedded gateway on an ephemeral loopback port, quiet, with the lab's config and identity. */
    public GatewayOptions.Builder options() {
        return GatewayOptions.builder(config, identity)
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .traceOut(null);
    }

    /** A TLS client context trusting the lab's gateway CA and presenting {@code clientCredential} (or nothing). */
    public SSLContext tls(String clientCredential) {
        return tls(clientCredential, "TLS");
    }

    /** As {@link #tls(String)}, for one SSLContext protocol: "TLSv1.2" makes a client that offers TLS 1.2 at most. */
    public SSLContext tls(String clientCredential, String protocol) {
        try {
            ClientTls tls = ClientTls.of(GatewayTrust.caBundle(dir.resolve("ca-bundle.pem")),
                    clientCredential == null ? ClientIdentity.none() : ClientIdentity.of(credential(clientCredential)));
            return (protocol.equals("TLS") ? tls : tls.upTo(protocol)).sslContext();
        } catch (IOException e) {
            throw new IllegalStateException("cannot build a TLS client context for " + clientCredential, e);
        }
    }
}
