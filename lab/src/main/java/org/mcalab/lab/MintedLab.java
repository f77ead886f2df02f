package org.mcalab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.mcalab.fixtures.CrlServer;
import org.mcalab.fixtures.Manifest;
import org.mcalab.fixtures.MintResult;
import org.mcalab.fixtures.PkiOptions;
import org.mcalab.fixtures.TestPki;
import org.mcalab.gateway.GatewayException;
import org.mcalab.gateway.ServerIdentity;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.AsaConfigParser;

/**
 * What every gateway the CLI embeds (suite, load, soak) stands on: a temporary directory, a test PKI freshly minted
 * into it, its CRLs served on 127.0.0.1, and the gateway's identity. Closing it stops the CRL server and deletes the
 * directory; the gateway built on it is closed first by its owner.
 */
public final class MintedLab implements AutoCloseable {
    private final Path workDir;
    private final CrlServer crls;
    private final MintResult minted;

    private MintedLab(Path workDir, CrlServer crls, MintResult minted) {
        this.workDir = workDir;
        this.crls = crls;
        this.minted = minted;
    }

    /**
     * @param purpose names the temporary directory ({@code mcalab-PURPOSE-...}) and the errors
     * @throws LabException when the directory, the CRL server or the PKI cannot be made (exit 2)
     */
    public static MintedLab start(String purpose) {
        Path work;
        try {
            work = Files.createTempDirectory("mcalab-" + purpose + "-");
        } catch (IOException e) {
            throw new LabException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        CrlServer crls = null;
        try {
            Path pkiDir = work.resolve("pki");
            crls = CrlServer.ephemeral(pkiDir.resolve("crl"));
            return new MintedLab(work, crls, TestPki.mint(pkiDir, PkiOptions.defaults().withCrlBaseUrl(crls.baseUrl())));
        } catch (IOException | RuntimeException e) {
            if (crls != null) {
                crls.close();
            }
            delete(work);
            throw failure(e);
        }
    }

    public Manifest pki() {
        return minted.manifest();
    }

    public MintResult minted() {
        return minted;
    }

    /** The gateway certificate chain and key the PKI minted. */
    public ServerIdentity identity() throws GatewayException {
        Manifest pki = pki();
        return ServerIdentity.load(pki.path(pki.identity(TestPki.GATEWAY).chain()), pki.path(pki.identity(TestPki.GATEWAY).key()));
    }

    /**
     * The minted asa.cfg, parsed, with the edits applied to this gateway's copy (a wider pool for load, more
     * simultaneous logins for the soak); the file stays as minted.
     *
     * @throws LabException when an edit's pool or group-policy is not in the minted config
     */
    public AsaConfig config(ConfigEdit edit) throws IOException {
        return edit.apply(AsaConfigParser.parse(pki().asaConfig()));
    }

    /** What a failed start turns into: a usage error as it is, anything else as "cannot start" (exit 2). */
    public static LabException failure(Exception e) {
        return e instanceof LabException u ? u : new LabException("cannot start the embedded gateway: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        crls.close();
        delete(workDir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
