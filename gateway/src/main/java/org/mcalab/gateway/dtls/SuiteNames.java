package org.mcalab.gateway.dtls;

import org.bouncycastle.tls.CipherSuite;
import org.mcalab.protocol.dtls.DtlsSuite;

/** How the ASA names a negotiated DTLS suite in the session database. */
record SuiteNames(String ciphersuite, String encryption, String hashing) {

    static SuiteNames of(int code) {
        return switch (code) {
            case CipherSuite.TLS_PSK_WITH_AES_256_GCM_SHA384 -> new SuiteNames("PSK-AES256-GCM-SHA384", "AES-GCM-256", "SHA384");
            case CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256 -> new SuiteNames("PSK-AES128-GCM-SHA256", "AES-GCM-128", "SHA256");
            case CipherSuite.TLS_PSK_WITH_AES_256_CBC_SHA -> new SuiteNames("PSK-AES256-CBC-SHA", "AES256", "SHA1");
            case CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA -> new SuiteNames("PSK-AES128-CBC-SHA", "AES128", "SHA1");
            default -> {
                for (DtlsSuite s : DtlsSuite.values()) {
                    if (s.code() == code) {
                        yield new SuiteNames(s.opensslName(), s.encryption(), s.hashing());
                    }
                }
                yield new SuiteNames(String.format("0x%04X", code), "unknown", "unknown");
            }
        };
    }
}
