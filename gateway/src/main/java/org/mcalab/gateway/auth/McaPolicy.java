package org.mcalab.gateway.auth;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mcalab.gateway.pki.CertificateValidator;
import org.mcalab.gateway.pki.ValidatedCertificate.CertificateKind;

/**
 * What a tunnel group asks of an MCA login, as plain values (the HTTP front end maps the ASA config onto it).
 *
 * @param trustpointKinds       explicit machine/user classification of trustpoints; any trustpoint not listed is a
 *                              machine trustpoint when its name contains "machine" (any case), else a user trustpoint
 * @param usernameSource        ASA {@code username-from-certificate} / {@code username-from-certificate-choice}
 * @param tlsKinds              MCA-LIM-3/LIM-4: which kinds of trustpoint validate the first (TLS) certificate, for
 *                              every client whatever {@code device-id} it sends (default machine only: the TLS
 *                              certificate proves a corporate device, as the seed's MachineCA does; add user to
 *                              let clients in with user+user)
 * @param maxPkcs7Certificates  MCA-PKI-5: largest PKCS#7 set accepted
 */
public record McaPolicy(Map<String, CertificateKind> trustpointKinds,
                        UsernameSource usernameSource,
                        Set<CertificateKind> tlsKinds,
                        int maxPkcs7Certificates) {

    public McaPolicy {
        trustpointKinds = Map.copyOf(trustpointKinds);
        Objects.requireNonNull(usernameSource, "usernameSource");
        if (tlsKinds.isEmpty()) {
            throw new IllegalArgumentException("tlsKinds must allow at least one kind");
        }
        tlsKinds = Set.copyOf(tlsKinds);
        if (maxPkcs7Certificates < 1) {
            throw new IllegalArgumentException("maxPkcs7Certificates must be at least 1");
        }
    }

    /**
     * The seed's behaviour: classification by name, the TLS certificate from a machine trustpoint, username = CN of
     * the first (TLS) certificate, at most 10 certificates.
     */
    public static McaPolicy defaults() {
        return new McaPolicy(Map.of(), UsernameSource.DEFAULT, EnumSet.of(CertificateKind.MACHINE),
                CertificateValidator.MAX_CERTIFICATES);
    }

    public CertificateKind kindOf(String trustpoint) {
        CertificateKind explicit = trustpointKinds.get(trustpoint);
        return explicit != null ? explicit : CertificateValidator.kindByName(trustpoint);
    }

    public McaPolicy withTrustpointKind(String trustpoint, CertificateKind kind) {
        Map<String, CertificateKind> kinds = new HashMap<>(trustpointKinds);
        kinds.put(trustpoint, kind);
        return new McaPolicy(kinds, usernameSource, tlsKinds, maxPkcs7Certificates);
    }

    public McaPolicy withUsernameSource(UsernameSource source) {
        return new McaPolicy(trustpointKinds, source, tlsKinds, maxPkcs7Certificates);
    }

    public McaPolicy withTlsKinds(Set<CertificateKind> kinds) {
        return new McaPolicy(trustpointKinds, usernameSource, kinds, maxPkcs7Certificates);
    }

    public McaPolicy withMaxPkcs7Certificates(int max) {
        return new McaPolicy(trustpointKinds, usernameSource, tlsKinds, max);
    }

    /**
     * Which certificate and which attribute the authorization username comes from (MCA-FLOW-6, MCA-PKI-7).
     *
     * @param certificate FIRST = the TLS handshake certificate, SECOND = the aggregate-auth (PKCS#7) certificate
     * @param primary     ASA attribute keyword: CN, UID, EA, OU, O, C, L, SP, SER, SN, GN, T, I, N, DNQ, GENQ, UPN,
     *                    or use-entire-name
     * @param secondary   used when the certificate has no primary attribute, as the ASA does; null for none
     */
    public record UsernameSource(Certificate certificate, String primary, String secondary) {
        public static final UsernameSource DEFAULT = new UsernameSource(Certificate.FIRST, "CN", null);

        public UsernameSource {
            Objects.requireNonNull(certificate, "certificate");
            primary = McaUsername.checkedAttribute(primary);
            secondary = secondary == null ? null : McaUsername.checkedAttribute(secondary);
        }

        public enum Certificate {
            /** {@code first-certificate}: the TLS handshake (machine) certificate. */
            FIRST,
            /** {@code second-certificate}: the aggregate-auth (user) certificate. */
            SECOND;

            public static Certificate fromKeyword(String keyword) {
                return switch (keyword.trim().toLowerCase(Locale.ROOT)) {
                    case "first-certificate", "first" -> FIRST;
                    case "second-certificate", "second" -> SECOND;
                    default -> throw new IllegalArgumentException("not first-certificate or second-certificate: " + keyword);
                };
            }
        }
    }
}
