package org.mcalab.reports.model;

import java.util.List;

/** @param role e.g. "TLS (machine, 1M)" or "XML (user, 1U)" */
public record CertificateInfo(
        String role,
        String subject,
        String issuer,
        String serial,
        String keyType,
        int keyBits,
        String signatureAlgorithm,
        List<String> eku,
        String notBefore,
        String notAfter,
        String sha256Fingerprint) {}
