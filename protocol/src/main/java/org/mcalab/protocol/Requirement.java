package org.mcalab.protocol;

import static org.mcalab.protocol.Requirement.Level.MUST;
import static org.mcalab.protocol.Requirement.Level.SHOULD;

import java.util.Arrays;
import java.util.Optional;

/**
 * The requirement catalogue (docs/protocol.md §1.3): every id with its level, the seed section it comes from and its
 * sentence. This enum is the one source of requirement ids: scenario files, refusal texts, reports and the CLI all
 * name a requirement by {@link #id()} and are checked against it. Ids never change meaning; new ones are appended.
 * A refusal on the wire carries the id as text ("MCA-LIM-5: non-RSA key ..."), which is why the enum lives in
 * protocol: gateway, client, conformance and CLI all read and write that text.
 */
public enum Requirement {
    // ---- Flow
    MCA_FLOW_1(MUST, "Troubleshoot: debug aggregate-auth xml",
            "The client sends config-auth type=\"init\" advertising <auth-method>multiple-cert</auth-method> in capabilities; the gateway resolves the tunnel group (group-url first, then group-select/alias) and answers auth-request with multiple-client-cert-request listing sha256, sha384, sha512, a fresh random, and an aggauth-handle"),
    MCA_FLOW_2(MUST, "Troubleshoot: debug aggregate-auth ssl",
            "The gateway keeps the exact bytes of the auth-request it sent (\"Saved message of len N to verify signature\") and verifies the client's signature against those bytes"),
    MCA_FLOW_3(MUST, "Limitations; Troubleshoot",
            "First certificate arrives in the TLS handshake, second in auth-reply as PKCS#7 (cert-format=\"pkcs7\") with client-cert-auth-signature and hash-algorithm-chosen"),
    MCA_FLOW_4(MUST, "Troubleshoot",
            "An init without a TLS client certificate (\"INIT-no-cert\") is answered, and the client can come back with a certificate (\"INIT-cert\")"),
    MCA_FLOW_5(MUST, "Troubleshoot (\"Started timer (3 mins)\")",
            "Auth info lives 3 minutes from creation/last use; a reply after expiry, or with an unknown/used handle, is refused"),
    MCA_FLOW_6(MUST, "Troubleshoot; Verify",
            "On success: cert-only login, authorization username from the first (TLS) certificate's CN by default (configurable: first or second certificate, which attribute), complete with a session token, and a session record"),
    MCA_FLOW_7(MUST, "derived",
            "No session token, cookie or tunnel unless every step succeeded; a tunnel CONNECT with a token from a failed or unfinished attempt is refused"),
    MCA_FLOW_8(SHOULD, "OpenConnect history",
            "The init may list many auth-methods in one capabilities; clients that repeat the capabilities element are tolerated (early OpenConnect MCA builds did)"),

    // ---- Limits
    MCA_LIM_1(MUST, "Limitations",
            "Exactly two certificates: one alone fails; a third is refused"),
    MCA_LIM_2(MUST, "Limitations",
            "A client that does not advertise multi-cert gets the tunnel group's legacy method, or the connection fails with a clear error; a group that requires multiple-certificate never lets a client in with a password or one certificate alone (fail closed: the class of CVE-2023-20247)"),
    MCA_LIM_3(MUST, "Limitations; Certificate selection",
            "Windows: machine cert in the TLS handshake, user cert in aggregate auth; two certificates from the machine store are not supported"),
    MCA_LIM_4(SHOULD, "Certificate selection",
            "Non-Windows: always two user certificates; the gateway may enforce a policy on the received types (machine+user, or user+user)"),
    MCA_LIM_5(MUST, "Limitations",
            "RSA certificates only: EC, DSA, Ed25519 keys are refused, in either position"),
    MCA_LIM_6(MUST, "Limitations",
            "Only SHA-256, SHA-384, SHA-512 in aggregate auth: a hash-algorithm-chosen outside the offered list (sha1, md5, unknown, empty), a signature whose real digest differs from the declared one, and certificates signed with SHA-1/MD5, are refused"),
    MCA_LIM_7(SHOULD, "Limitations",
            "Automatic certificate selection is ignored: a client with several candidate certificates tries the combinations until one works; the delay this costs is measured"),

    // ---- Certificate validation
    MCA_PKI_1(MUST, "Configure (CLI)",
            "Each certificate chains to a configured trustpoint (machine cert to MachineCA, user cert to UserCA in the seed's config)"),
    MCA_PKI_2(MUST, "Verify",
            "Validity period enforced: expired and not-yet-valid certificates are refused"),
    MCA_PKI_3(MUST, "Configure (CLI)",
            "crl configure: revoked certificates are refused (CRL from the certificate's distribution point)"),
    MCA_PKI_4(MUST, "Troubleshoot",
            "A signature that does not verify (tampered, wrong key, wrong hash, made over re-serialised XML instead of the exact bytes, made over another session's challenge, garbled base64) is refused"),
    MCA_PKI_5(MUST, "OpenConnect fake server notes",
            "The PKCS#7 set is accepted in any order and must hold exactly one leaf that chains to the trustpoint; unrelated extra certificates, zero or two leaves, and oversize sets are refused"),
    MCA_PKI_6(MUST, "OpenConnect client checks",
            "Extended key usage: the user certificate carries clientAuth (or anyExtendedKeyUsage); a server-only certificate is refused"),
    MCA_PKI_7(MUST, "ocserv #694 class",
            "Username binding: the mapped username comes only from the configured certificate; nothing the client writes in XML can substitute it"),

    // ---- Session and tunnel
    MCA_SES_1(MUST, "Configure (CLI)",
            "Address from ip local pool, group-policy applied (vpn-tunnel-protocol ssl-client, split-tunnel-policy tunnelspecified with the split ACL)"),
    MCA_SES_2(MUST, "Verify",
            "Session database shows what show vpn-sessiondb detail anyconnect shows: username, assigned/public IP, protocols, ciphers, bytes/packets, group policy, tunnel group, login time, duration, Auth Mode : Multiple-certificate, client OS and version"),
    MCA_SES_3(MUST, "Verify",
            "CSTP tunnel over TLS (CONNECT /CSCOSSLC/tunnel) carries IP packets both ways; DPD and keepalive work; idle timeout ends a silent session"),
    MCA_SES_4(MUST, "Verify",
            "DTLS tunnel beside CSTP; traffic moves to DTLS when it is up and falls back to CSTP when it is not"),
    MCA_SES_5(MUST, "Verify",
            "show crypto ca certificate view of the installed trustpoints"),

    // ---- Robustness
    MCA_ROB_1(MUST, "derived",
            "Malformed, oversized, or entity-laden XML (XXE, billion laughs) gets a clear error and nothing else"),
    MCA_ROB_2(MUST, "derived",
            "Malformed CSTP frames (bad magic, length over MTU, unknown type) close that tunnel only"),
    MCA_ROB_3(MUST, "derived",
            "Slow or abandoned clients are timed out; auth-info entries and sessions do not leak"),
    MCA_ROB_4(MUST, "derived",
            "A replayed auth-reply, or one for another client's handle, is refused");

    /** How strongly a requirement (or a scenario) binds, in RFC 2119 words. */
    public enum Level { MUST, SHOULD }

    /** The id's middle word and the group it names in reports. */
    public enum Group {
        FLOW("Flow"), LIM("Limits"), PKI("Certificate validation"), SES("Session and tunnel"), ROB("Robustness");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private static final String PREFIX = "MCA-";

    private final Level level;
    private final String seed;
    private final String text;

    Requirement(Level level, String seed, String text) {
        this.level = level;
        this.seed = seed;
        this.text = text;
    }

    /** The id as the catalogue and the wire write it, e.g. {@code MCA-LIM-5}. */
    public String id() {
        return name().replace('_', '-');
    }

    public Level level() {
        return level;
    }

    public Group group() {
        return Group.valueOf(name().split("_")[1]);
    }

    /** The seed section the requirement comes from (docs/protocol.md §1.2), for provenance only. */
    public String seed() {
        return seed;
    }

    /** The requirement sentence. */
    public String text() {
        return text;
    }

    /** @throws IllegalArgumentException naming the id, for an id that is not in this catalogue */
    public static Requirement fromId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown requirement id '" + id
                + "' (docs/protocol.md §1.3 lists the catalogue)"));
    }

    public static Optional<Requirement> find(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equalsIgnoreCase(id.trim())).findFirst();
    }

    /**
     * The first requirement id quoted in a free text (an error message, a log line), if any: the earliest place where
     * one of this enum's ids stands as a whole word (so MCA-LIM-1 is not read out of MCA-LIM-17).
     */
    public static Optional<Requirement> citedIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Requirement first = null;
        int at = Integer.MAX_VALUE;
        for (int i = text.indexOf(PREFIX); i >= 0 && i < at; i = text.indexOf(PREFIX, i + 1)) {
            for (Requirement r : values()) {
                if (text.startsWith(r.id(), i) && wordEnds(text, i + r.id().length()) && wordStarts(text, i)) {
                    first = r;
                    at = i;
                }
            }
        }
        return Optional.ofNullable(first);
    }

    private static boolean wordStarts(String text, int i) {
        return i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
    }

    private static boolean wordEnds(String text, int i) {
        return i == text.length() || !Character.isLetterOrDigit(text.charAt(i));
    }

    @Override
    public String toString() {
        return id();
    }
}
