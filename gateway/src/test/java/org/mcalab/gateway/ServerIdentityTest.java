package org.mcalab.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.fixtures.HeldCertificate;

class ServerIdentityTest {
    @TempDir
    Path dir;

    private Path write(String name, String pem) throws Exception {
        return Files.writeString(dir.resolve(name), pem);
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAtLoadNamingBothFiles() throws Exception {
        HeldCertificate server = HeldCertificate.builder().subject("cn=gateway").serverAuth().build();
        HeldCertificate other = HeldCertificate.builder().subject("cn=gateway").serverAuth().build();
        Path cert = write("gateway.pem", server.certificatePem());
        Path wrongKey = write("other.key", other.privateKeyPem());
        assertThatThrownBy(() -> ServerIdentity.load(cert, wrongKey)).isInstanceOf(GatewayException.class)
                .hasMessage("server key " + wrongKey + " does not match server certificate " + cert
                        + ": the private key does not belong to the server certificate CN=gateway"
                        + " (every TLS handshake would fail)");
        assertThat(ServerIdentity.load(cert, write("gateway.key", server.privateKeyPem())).key())
                .isEqualTo(server.privateKey());
    }

    @Test
    void everyKeyTypeIsCheckedAndAKeyOfAnotherTypeDoesNotMatch() {
        HeldCertificate ec = HeldCertificate.builder().subject("cn=k").ec("secp256r1").serverAuth().build();
        HeldCertificate ed = HeldCertificate.builder().subject("cn=k").ed25519().serverAuth().build();
        HeldCertificate rsa = HeldCertificate.builder().subject("cn=k").serverAuth().build();
        assertThat(ServerIdentity.keyMatches(ec.certificate(), ec.privateKey())).isTrue();
        assertThat(ServerIdentity.keyMatches(ed.certificate(), ed.privateKey())).isTrue();
        assertThat(ServerIdentity.keyMatches(ec.certificate(),
                HeldCertificate.builder().subject("cn=k").ec("secp256r1").build().privateKey())).isFalse();
        assertThat(ServerIdentity.keyMatches(ed.certificate(), HeldCertificate.builder().subject("cn=k").ed25519().build().privateKey()))
                .isFalse();
        assertThat(ServerIdentity.keyMatches(rsa.certificate(), ec.privateKey())).isFalse();
        assertThat(ServerIdentity.keyMatches(ec.certificate(), rsa.privateKey())).isFalse();
    }
}
