package org.mcalab.gateway.config;

import java.util.Optional;

/**
 * Where the authorization username comes from: {@code username-from-certificate PRIMARY [SECONDARY]} and
 * (ASA 9.8+) {@code username-from-certificate-choice first-certificate|second-certificate}, which picks
 * one of the two MCA certificates. Default: CN of the first (TLS handshake) certificate, which is what the
 * seed's debug output shows ("Authorization username = MachineID.cisco.com").
 */
public record UsernameFromCertificate(CertificateAttribute primary, Optional<CertificateAttribute> secondary,
                                      Choice certificate) {

    public static final UsernameFromCertificate DEFAULT =
            new UsernameFromCertificate(CertificateAttribute.CN, Optional.empty(), Choice.FIRST_CERTIFICATE);

    public enum Choice {
        FIRST_CERTIFICATE("first-certificate"), SECOND_CERTIFICATE("second-certificate");

        private final String keyword;

        Choice(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }
}
