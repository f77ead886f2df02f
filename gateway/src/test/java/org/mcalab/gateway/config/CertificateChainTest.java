package org.mcalab.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed's config as an ASA prints it (indented) with real certificates in the chains. */
class CertificateChainTest {
    static X509Certificate userCa;
    static X509Certificate machineCa;
    static X509Certificate gateway;

    @BeforeAll
    static void mint() {
        userCa = AsaHex.selfSigned("CN=UserCA.cisco.com,O=Cisco,L=Dallas,ST=Texas,C=IN", new BigInteger("00ea473dc301c2fdc7", 16));
        machineCa = AsaHex.selfSigned("CN=MachineCA.cisco.com,O=Cisco,L=Bangalore,ST=Karnataka,C=IN", new BigInteger("ba27b1f331aea6fc", 16));
        gateway = AsaHex.selfSigned("CN=10.197.223.81", BigInteger.valueOf(0x1234));
    }

    static String block(String prefix, X509Certificate c) throws Exception {
        return prefix + AsaHex.serial(c.getSerialNumber()) + "\n" + AsaHex.hexLines(c.getEncoded()) + "  quit\n";
    }

    static String indentedSeed(String userCaEntry, String machineCaEntry) {
        return """
                : Saved
                :
                ASA Version 9.7(1)
                !
                hostname GCE-ASA
                ip local pool ANYCONNECT-POOL 192.168.100.1-192.168.100.254 mask 255.255.255.0
                !
                interface GigabitEthernet0/0
                 nameif outside
                 security-level 100
                 ip address 10.197.223.81 255.255.254.0
                !
                interface GigabitEthernet0/1
                 nameif inside
                 security-level 100
                 ip address 192.168.1.1 255.255.255.0
                !
                object network obj-AnyConnect_pool
                 subnet 192.168.100.0 255.255.255.0
                object network obj-Local_Lan
                 subnet 192.168.1.0 255.255.255.0
                access-list split standard permit 192.168.1.0 255.255.255.0
                nat (inside,outside) source static obj-Local_Lan obj-Local_Lan destination static obj-AnyConnect_pool obj-AnyConnect_pool no-proxy-arp route-lookup
                crypto ca trustpoint UserCA
                 enrollment terminal
                 crl configure
                crypto ca trustpoint MachineCA
                 enrollment terminal
                 crl configure
                crypto ca trustpoint GATEWAY
                 enrollment terminal
                 keypair GATEWAY-KEY
                 subject-name CN=10.197.223.81,O=mcalab
                crypto ca certificate chain UserCA
                """ + userCaEntry + """
                crypto ca certificate chain MachineCA
                """ + machineCaEntry + """
                webvpn
                 enable outside
                 anyconnect image disk0:/anyconnect-win-4.4.00243-webdeploy-k9.pkg 2
                 anyconnect enable
                 tunnel-group-list enable
                group-policy Grouppolicy-MCA internal
                group-policy Grouppolicy-MCA attributes
                 vpn-tunnel-protocol ssl-client
                 split-tunnel-policy tunnelspecified
                 split-tunnel-network-list value split
                tunnel-group ANYCONNECT-MCA type remote-access
                tunnel-group ANYCONNECT-MCA general-attributes
                 address-pool ANYCONNECT-POOL
                 default-group-policy Grouppolicy-MCA
                tunnel-group ANYCONNECT-MCA webvpn-attributes
                 authentication multiple-certificate
                 group-alias ANYCONNECT-MCA enable
                 group-url https://10.197.223.81/MCA enable
                """;
    }

    @Test
    void indentedConfigDecodesTheSameCertificates() throws Exception {
        AsaConfig config = AsaConfigParser.parse(indentedSeed(block(" certificate ca ", userCa), block(" certificate ca ", machineCa)));

        assertThat(config.trustpoint("UserCA").orElseThrow().caCertificates()).containsExactly(userCa);
        assertThat(config.trustpoint("MachineCA").orElseThrow().caCertificates()).containsExactly(machineCa);
        assertThat(config.trustpoint("UserCA").orElseThrow().checksCrl()).isTrue();
        assertThat(config.warnings()).isEmpty();
        // Same model as the unindented seed apart from the certificates.
        AsaConfig seed = SeedConfigTest.seed();
        assertThat(config.tunnelGroup("ANYCONNECT-MCA").orElseThrow())
                .isEqualTo(seed.tunnelGroup("ANYCONNECT-MCA").orElseThrow());
        assertThat(config.groupPolicies()).isEqualTo(seed.groupPolicies());
        assertThat(config.interfaces()).isEqualTo(seed.interfaces());
        assertThat(AsaConfigSummary.render(config)).containsPattern("CA certificate: .*CN=UserCA.cisco.com, serial 00ea473dc301c2fdc7, valid ");
    }

    @Test
    void unindentedHexWithAnyWordsPerLineDecodesToo() throws Exception {
        String hex = HexFormat.of().formatHex(userCa.getEncoded());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 24) { // three 8-digit words a line, last one short
            String chunk = hex.substring(i, Math.min(i + 24, hex.length()));
            lines.append(String.join(" ", chunk.split("(?<=\\G.{8})"))).append('\n');
        }
        String text = """
                crypto ca trustpoint UserCA
                enrollment terminal
                crypto ca certificate chain UserCA
                certificate ca 00ea473dc301c2fdc7
                """ + lines + "quit\n";
        assertThat(AsaConfigParser.parse(text).trustpoint("UserCA").orElseThrow().caCertificates()).containsExactly(userCa);
    }

    @Test
    void serialMismatchIsAWarningAndTheCertificateIsKept() throws Exception {
        String wrongSerial = " certificate ca 0bad\n" + AsaHex.hexLines(userCa.getEncoded()) + "  quit\n";
        AsaConfig config = AsaConfigParser.parse(indentedSeed(wrongSerial, block(" certificate ca ", machineCa)));

        assertThat(config.trustpoint("UserCA").orElseThrow().caCertificates()).containsExactly(userCa);
        assertThat(config.warnings()).singleElement().satisfies(w -> {
            assertThat(w.text()).isEqualTo("certificate ca 0bad");
            assertThat(w.message()).contains("declared serial does not match").contains("ea473dc301c2fdc7");
        });
    }

    @Test
    void truncatedHexLeavesTheTrustpointWithoutCaAndSaysSo() throws Exception {
        String hex = AsaHex.hexLines(userCa.getEncoded());
        String truncated = " certificate ca 00ea473dc301c2fdc7\n" + hex.substring(0, hex.length() / 2).replaceAll("\\s+\\S*$", "\n") + "  quit\n";
        AsaConfig config = AsaConfigParser.parse(indentedSeed(truncated, block(" certificate ca ", machineCa)));

        assertThat(config.trustpoint("UserCA").orElseThrow().caCertificates()).isEmpty();
        assertThat(config.trustpoint("MachineCA").orElseThrow().caCertificates()).containsExactly(machineCa);
        assertThat(config.warnings()).singleElement().extracting(ParseWarning::message)
                .isEqualTo("certificate ca 00ea473dc301c2fdc7: hex does not decode to an X.509 certificate;"
                        + " trustpoint UserCA has no usable CA certificate");
    }

    @Test
    void trailingBytesAfterTheCertificateAreRefused() throws Exception {
        String padded = " certificate ca 00ea473dc301c2fdc7\n" + AsaHex.hexLines(userCa.getEncoded()) + "    deadbeef\n  quit\n";
        AsaConfig config = AsaConfigParser.parse(indentedSeed(padded, block(" certificate ca ", machineCa)));

        assertThat(config.trustpoint("UserCA").orElseThrow().caCertificates()).isEmpty();
        assertThat(config.warnings()).singleElement().extracting(ParseWarning::message).asString()
                .contains("4 bytes after the certificate");
    }

    @Test
    void plainCertificateIsTheIdentityForSslTrustPoint() throws Exception {
        String text = indentedSeed(block(" certificate ca ", userCa), block(" certificate ca ", machineCa))
                + "crypto ca certificate chain GATEWAY\n" + block(" certificate ", gateway)
                + "ssl trust-point GATEWAY outside\n";
        AsaConfig config = AsaConfigParser.parse(text);

        Trustpoint tp = config.trustpoint("GATEWAY").orElseThrow();
        assertThat(tp.identityCertificate()).contains(gateway);
        assertThat(tp.caCertificates()).isEmpty();
        assertThat(tp.keypair()).contains("GATEWAY-KEY");
        assertThat(tp.subjectName()).contains("CN=10.197.223.81,O=mcalab");
        assertThat(config.sslTrustPoints()).containsExactly(new SslTrustPoint("GATEWAY", java.util.Optional.of("outside")));
        assertThat(config.sslTrustpointFor("outside")).contains(tp);
        assertThat(config.sslTrustpointFor("inside")).isEmpty();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void missingQuitEndsTheBlockAtTheNextCommandWithAWarning() throws Exception {
        String noQuit = " certificate ca 00ea473dc301c2fdc7\n" + AsaHex.hexLines(userCa.getEncoded());
        AsaConfig config = AsaConfigParser.parse(indentedSeed(noQuit, block(" certificate ca ", machineCa)));

        assertThat(config.trustpoint("UserCA").orElseThrow().caCertificates()).containsExactly(userCa);
        assertThat(config.warnings()).singleElement().extracting(ParseWarning::message).asString().contains("no 'quit'");
    }
}
