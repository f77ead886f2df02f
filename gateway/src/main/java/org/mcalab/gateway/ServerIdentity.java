package org.mcalab.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
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
        return new ServerIdentity(chain, key);
    }
}
