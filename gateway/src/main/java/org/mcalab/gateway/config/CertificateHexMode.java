package org.mcalab.gateway.config;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The hex lines of one {@code certificate [ca] SERIAL} entry, up to {@code quit}: DER bytes as words of up
 * to 8 hex digits. A block that does not decode is not fatal (the seed itself has {@code <snip>} lines);
 * it is reported as a warning and the trustpoint simply lacks that certificate.
 */
final class CertificateHexMode extends Mode {
    private final CertificateChainMode.Builder chain;
    private final ConfigBuilder config;
    private final Line header;
    private final boolean ca;
    private final String serial;
    private final ByteArrayOutputStream der = new ByteArrayOutputStream();
    private boolean quit;

    CertificateHexMode(CertificateChainMode.Builder chain, ConfigBuilder config, Line header, boolean ca, String serial) {
        this.chain = chain;
        this.config = config;
        this.header = header;
        this.ca = ca;
        this.serial = serial;
    }

    static boolean isHex(String word) {
        return !word.isEmpty() && word.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static boolean isHexWord(String word) {
        return word.length() <= 8 && word.length() % 2 == 0 && isHex(word);
    }

    @Override
    boolean accepts(Line line) {
        return (line.size() == 1 && line.is(0, "quit")) || line.words().stream().allMatch(CertificateHexMode::isHexWord);
    }

    @Override
    void apply(Line line, Modes modes) {
        if (line.is(0, "quit")) {
            quit = true;
            modes.exit();
            return;
        }
        for (String word : line.words()) {
            der.writeBytes(HexFormat.of().parseHex(word));
        }
    }

    @Override
    void close() {
        if (!quit) {
            config.warn(header, "certificate block has no 'quit'; it ends at the next command");
        }
        byte[] bytes = der.toByteArray();
        if (bytes.length == 0) {
            fail("no certificate hex follows");
            return;
        }
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes));
        } catch (CertificateException | RuntimeException e) {
            fail("hex does not decode to an X.509 certificate");
            return;
        }
        try {
            // The JDK stops after the first certificate; bytes past it mean the block is not what it says.
            if (!Arrays.equals(certificate.getEncoded(), bytes)) {
                fail("hex holds " + (bytes.length - certificate.getEncoded().length) + " bytes after the certificate");
                return;
            }
        } catch (CertificateException e) {
            fail("hex does not decode to an X.509 certificate");
            return;
        }
        if (!certificate.getSerialNumber().equals(new BigInteger(serial, 16))) {
            config.warn(header, label() + ": declared serial does not match the certificate's serial "
                    + HexFormat.of().formatHex(certificate.getSerialNumber().toByteArray()) + "; certificate kept");
        }
        if (ca) {
            chain.caCertificates.add(certificate);
        } else {
            if (chain.identity != null) {
                config.warn(header, label() + ": trustpoint " + chain.trustpoint
                        + " already has an identity certificate; this one replaces it");
            }
            chain.identity = certificate;
        }
    }

    private void fail(String reason) {
        chain.failures.add(new CertificateChainMode.Failure(header, ca, serial, reason));
    }

    private String label() {
        return (ca ? "certificate ca " : "certificate ") + serial;
    }

    @Override
    String describe() {
        return label();
    }

    @Override
    String unknownLineMessage() {
        return "not certificate hex inside '" + label() + "'; ignored (the certificate cannot decode without it)";
    }
}
