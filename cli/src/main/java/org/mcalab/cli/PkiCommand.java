package org.mcalab.cli;

import org.mcalab.fixtures.CrlServer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.Callable;
import org.mcalab.fixtures.MintException;
import org.mcalab.fixtures.MintResult;
import org.mcalab.fixtures.PkiOptions;
import org.mcalab.fixtures.TestPki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcalab pki init}: mints the test PKI (fixtures/README.md) into a directory. */
@Command(name = "pki", mixinStandardHelpOptions = true,
        description = "Test PKI: CAs, good and defective MCA identities, CRLs, and the ASA configuration that trusts them.",
        subcommands = PkiCommand.Init.class)
final class PkiCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UsageException("'pki' needs a subcommand: init (try 'mcalab pki init --help')");
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Mint the test PKI into DIR: certificates, keys (0600), PKCS#12 (password mcalab), "
                    + "PKCS#7, CRLs, manifest.json and asa.cfg.",
                    "The directory is written beside DIR and moved into place at the end; nothing half-written is left."})
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to create.")
        Path out;

        @Option(names = "--crl-base-url", paramLabel = "URL",
                description = "Absolute http(s) URL the CRL distribution points start with (default: "
                        + "http://127.0.0.1:PORT/crl/ with a free PORT in 20000-32767 chosen now; 'mcalab gateway' "
                        + "serves DIR/crl/ there).")
        String crlBaseUrl;

        @Option(names = "--seed", paramLabel = "N", description = "Make keys and serial numbers reproducible.")
        Long seed;

        @Option(names = "--force", description = "Replace DIR if it exists, is not empty and was written by 'pki init' (its manifest.json).")
        boolean force;

        @Override
        public Integer call() {
            if (out.toString().isBlank()) {
                throw new UsageException("--out: empty path (it would mean the current directory); name the directory to create");
            }
            PkiOptions options;
            try {
                String url = crlBaseUrl != null ? crlBaseUrl
                        : CrlServer.mintTimeBaseUrl(seed == null ? new SecureRandom() : new Random(seed));
                options = PkiOptions.defaults().withCrlBaseUrl(url).withReplaceExisting(force);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--crl-base-url: " + e.getMessage());
            }
            if (seed != null) {
                options = options.withSeed(seed);
            }
            MintResult result;
            try {
                result = TestPki.mint(out, options);
            } catch (MintException e) {
                throw new UsageException(e.getMessage(), e);
            }
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(result.summary());
            stdout.flush();
            return Main.OK;
        }
    }
}
