package org.mcalab.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mcalab.fixtures.HeldCertificate;
import org.mcalab.gateway.auth.McaPolicy.UsernameSource;
import org.mcalab.gateway.pki.TestPki;
import org.mcalab.gateway.pki.ValidatedCertificate.CertificateKind;
import org.mcalab.protocol.Requirement;

class McaPolicyTest {

    @Test
    void trustpointKindByNameUnlessConfigured() {
        McaPolicy policy = McaPolicy.defaults();
        assertThat(policy.kindOf("MachineCA")).isEqualTo(CertificateKind.MACHINE);
        assertThat(policy.kindOf("corp-MACHINE-issuing")).isEqualTo(CertificateKind.MACHINE);
        assertThat(policy.kindOf("UserCA")).isEqualTo(CertificateKind.USER);
        assertThat(policy.withTrustpointKind("DevicesCA", CertificateKind.MACHINE).kindOf("DevicesCA"))
                .isEqualTo(CertificateKind.MACHINE);
    }

    @Test
    void defaultsFollowTheSeed() {
        McaPolicy policy = McaPolicy.defaults();
        assertThat(policy.usernameSource()).isEqualTo(new UsernameSource(UsernameSource.Certificate.FIRST, "CN", null));
        assertThat(policy.maxPkcs7Certificates()).isEqualTo(10);
        assertThat(policy.tlsKinds()).containsExactly(CertificateKind.MACHINE);
    }

    @Test
    void unknownAttributeKeywordIsRejectedAtConfigurationTime() {
        assertThatThrownBy(() -> new UsernameSource(UsernameSource.Certificate.FIRST, "XYZ", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("XYZ");
        assertThat(new UsernameSource(UsernameSource.Certificate.FIRST, "use-entire-name", "cn").primary())
                .isEqualTo("USE-ENTIRE-NAME");
        assertThat(UsernameSource.Certificate.fromKeyword("second-certificate")).isEqualTo(UsernameSource.Certificate.SECOND);
    }

    @Test
    void usernameAttributesAreReadFromTheSubject() {
        HeldCertificate user = HeldCertificate.builder()
                .subject("cn=UserID.cisco.com,ou=TAC,o=Cisco,l=Dallas,st=Texas,c=IN").keyPair(TestPki.rsa(5))
                .issuedBy(TestPki.USER_CA).build();
        assertThat(McaUsername.read(user.certificate(), "CN")).contains("UserID.cisco.com");
        assertThat(McaUsername.read(user.certificate(), "SP")).contains("Texas");
        assertThat(McaUsername.read(user.certificate(), "UID")).isEmpty();
        assertThat(McaUsername.read(user.certificate(), "UPN")).isEmpty();
        assertThat(McaUsername.read(user.certificate(), McaUsername.ENTIRE_NAME))
                .contains("cn=UserID.cisco.com,ou=TAC,o=Cisco,l=Dallas,st=Texas,c=IN");
    }
}
