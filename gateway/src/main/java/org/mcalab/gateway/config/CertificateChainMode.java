package org.mcalab.gateway.config;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code crypto ca certificate chain NAME}: a list of {@code certificate ca SERIAL} (CA certificates) and
 * {@code certificate SERIAL} (the trustpoint's identity certificate) hex blocks.
 */
final class CertificateChainMode extends Mode {
    static final Form CERTIFICATE = new Form("certificate", "certificate [ca] SERIAL");

    /** A hex block that did not give a certificate; reported once the whole chain is known. */
    record Failure(Line line, boolean ca, String serial, String reason) {
    }

    static final class Builder {
        final String trustpoint;
        final Line declared;
        final List<X509Certificate> caCertificates = new ArrayList<>();
        X509Certificate identity;
        final List<Failure> failures = new ArrayList<>();

        Builder(String trustpoint, Line declared) {
            this.trustpoint = trustpoint;
            this.declared = declared;
        }
    }

    private final Builder builder;

    CertificateChainMode(Builder builder, ConfigBuilder config) {
        this.builder = builder;
        on("certificate", (line, modes) -> {
            boolean ca = line.is(1, "ca");
            CERTIFICATE.size(line, ca ? 3 : 2);
            String serial = line.word(ca ? 2 : 1);
            if (!CertificateHexMode.isHex(serial) || serial.length() > 64) {
                throw CERTIFICATE.fail(line, "serial '" + serial + "' is not hexadecimal");
            }
            modes.push(new CertificateHexMode(builder, config, line, ca, serial));
        });
    }

    @Override
    String describe() {
        return "crypto ca certificate chain " + builder.trustpoint;
    }
}
