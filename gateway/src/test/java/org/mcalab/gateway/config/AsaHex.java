package org.mcalab.gateway.config;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test certificates and their ASA hex form, as `show running-config` prints a certificate chain. */
final class AsaHex {
    private AsaHex() {
    }

    static X509Certificate selfSigned(String subject, BigInteger serial) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name(subject);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            var builder = new JcaX509v3CertificateBuilder(name, serial, Date.from(now.minus(1, ChronoUnit.DAYS)),
                    Date.from(now.plus(365, ChronoUnit.DAYS)), name, keys.getPublic());
            var signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** DER as lowercase 4-byte words, 8 a line, each line indented four spaces; the last word may be short. */
    static String hexLines(byte[] der) {
        StringBuilder out = new StringBuilder();
        for (int line = 0; line < der.length; line += 32) {
            out.append("   ");
            for (int word = line; word < Math.min(line + 32, der.length); word += 4) {
                out.append(' ').append(HexFormat.of().formatHex(der, word, Math.min(word + 4, der.length)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The serial as ASA shows it: the DER INTEGER content bytes (leading 00 when the high bit is set). */
    static String serial(BigInteger serial) {
        return HexFormat.of().formatHex(serial.toByteArray());
    }
}
