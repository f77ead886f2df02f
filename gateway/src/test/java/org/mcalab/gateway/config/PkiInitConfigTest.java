package org.mcalab.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mcalab.fixtures.HeldCertificate;

/**
 * The asa.cfg that `mcalab pki init` writes loads cleanly with every certificate decoded. The text comes
 * from the fixtures' own renderer (package-private, reached by reflection) rather than TestPki.mint, which
 * mints the whole catalogue and takes half a minute; the renderer is the contract under test.
 */
class PkiInitConfigTest {
    static AsaConfig config;

    @BeforeAll
    static void render() throws Exception {
        HeldCertificate userCa = ca("cn=UserCA.cisco.com,o=Cisco,l=Dallas,st=Texas,c=IN");
        HeldCertificate machineCa = ca("cn=MachineCA.cisco.com,o=Cisco,l=Bangalore,st=Karnataka,c=IN");
        HeldCertificate gatewayCa = ca("cn=mcalab gateway CA");
        HeldCertificate gateway = HeldCertificate.builder().subject("cn=10.197.223.81").serverAuth()
                .subjectAlternativeName("10.197.223.81").issuedBy(gatewayCa).build();
        Class<?> renderer = Class.forName("org.mcalab.fixtures.AsaConfig");
        Method render = renderer.getDeclaredMethod("render", HeldCertificate.class, HeldCertificate.class,
                HeldCertificate.class, HeldCertificate.class);
        render.setAccessible(true);
        config = AsaConfigParser.parse((String) render.invoke(null, userCa, machineCa, gatewayCa, gateway));
    }

    private static HeldCertificate ca(String subject) {
        return HeldCertificate.builder().subject(subject).certificateAuthority(1).build();
    }

    @Test
    void loadsWithoutWarnings() {
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void caTrustpointsHoldTheMintedCas() {
        assertThat(config.trustpoint("UserCA").orElseThrow().caCertificates()).singleElement()
                .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).containsIgnoringCase("cn=UserCA.cisco.com"));
        assertThat(config.trustpoint("MachineCA").orElseThrow().caCertificates()).singleElement()
                .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).containsIgnoringCase("cn=MachineCA.cisco.com"));
        assertThat(config.trustpoint("UserCA").orElseThrow().checksCrl()).isTrue();
    }

    @Test
    void gatewayIdentityServesTheOutsideInterface() {
        Trustpoint gateway = config.sslTrustpointFor("outside").orElseThrow();
        assertThat(gateway.name()).isEqualTo("GATEWAY");
        assertThat(gateway.identityCertificate()).isPresent();
        assertThat(gateway.caCertificates()).hasSize(1);
    }

    @Test
    void threeTunnelGroupsOneMethodEach() {
        assertThat(config.tunnelGroupByUrlPath("/MCA")).map(TunnelGroup::authentication).contains(AuthenticationMethod.MULTIPLE_CERTIFICATE);
        assertThat(config.tunnelGroupByUrlPath("/CERT")).map(TunnelGroup::authentication).contains(AuthenticationMethod.CERTIFICATE);
        assertThat(config.tunnelGroupByUrlPath("/AAA")).map(TunnelGroup::authentication).contains(AuthenticationMethod.AAA);
        assertThat(config.localUser("alice")).hasValueSatisfying(u -> assertThat(u.passwordMatches("mcalab-alice")).isTrue());
        assertThat(config.nats()).singleElement().extracting(Nat::text).asString().endsWith("no-proxy-arp route-lookup");
    }
}
