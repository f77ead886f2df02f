package org.mcalab.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The gateway's TLS identity: its certificate chain (leaf first) and private key.
 */
public record ServerIdentity(List<X509Certificate> chain, PrivateKey key) {
    public ServerIdentity {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("server certificate chain is empty");
        }
        chain = List.copyOf(chain);
        if (!keyMatches(chain.get(0), key)) {
            throw new IllegalArgumentException("the private key does not belong to the server certificate "
                    + chain.get(0).getSubjectX500Principal().getName() + " (every TLS handshake would fail)");
        }
    }

    /**
     * Whether {@code key} is the private half of the certificate's public key: a signature made with it verifies
     * with the certificate. Works for every key type TLS can use without knowing its arithmetic.
     */
    static boolean keyMatches(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA: the key's name is the signature's
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = signature(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = signature(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // a key of another type than the certificate's does not match it either
        }
    }

    private static Signature signature(String algorithm) throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm);
        if (algorithm.equals("RSASSA-PSS")) {
            s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
        return s;
    }

    /**
     * Reads a PEM certificate file (leaf first, intermediates may follow) and an unencrypted PEM key
     * (PKCS#8 or PKCS#1).
     *
     * @throws GatewayException naming the file that is missing or unreadable
     */
    public static ServerIdentity load(Path certificatePem, Path keyPem) throws GatewayException {
        List<X509Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(certificatePem)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) c);
            }
        } catch (NoSuchFileException e) {
            throw new GatewayException("server certificate " + certificatePem + " does not exist");
        } catch (IOException | CertificateException e) {
            throw new GatewayException("cannot read server certificate " + certificatePem + ": " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new GatewayException("no certificate in " + certificatePem);
        }
        PrivateKey key;
        try (Reader r = Files.newBufferedReader(keyPem, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o = pem.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                key = converter.getPrivateKey(pair.getPrivateKeyInfo());
            } else if (o instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else {
                throw new GatewayException("no unencrypted private key in " + keyPem);
            }
        } catch (NoSuchFileException e) {
            throw new GatewayException("server key " + keyPem + " does not exist");
        } catch (IOException e) {
            throw new GatewayException("cannot read server key " + keyPem + ": " + e.getMessage());
        }
        try {
            return new ServerIdentity(chain, key);
        } catch (IllegalArgumentException e) {
            throw new GatewayException("server key " + keyPem + " does not match server certificate " + certificatePem
                    + ": " + e.getMessage());
        }
    }
}
