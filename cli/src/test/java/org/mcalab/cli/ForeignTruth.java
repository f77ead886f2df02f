package org.mcalab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.ScenarioResult;

/**
 * What is true of a foreign gateway, scenario by scenario: the statuses a truthful suite may give, derived from what
 * that gateway really does (its source, its own log). A PASS outside the allowed set is a false pass, a FAIL outside it
 * a false failure. Statuses are names so that BLOCKED (a status of its own, issue 12) can be named before it exists.
 */
final class ForeignTruth {
    static final String PASS = "PASS";
    static final String FAIL = "FAIL";
    static final String SKIPPED = "SKIPPED";
    static final String BLOCKED = "BLOCKED";

    private final Map<String, Set<String>> allowed = new LinkedHashMap<>();

    ForeignTruth allow(Set<String> statuses, String... ids) {
        for (String id : ids) {
            if (allowed.put(id, statuses) != null) {
                throw new IllegalArgumentException(id + " is listed twice");
            }
        }
        return this;
    }

    Set<String> ids() {
        return allowed.keySet();
    }

    /** One line per scenario whose status the truth does not allow ("ID: STATUS, true: [...]; observed"). */
    List<String> falseVerdicts(Run run) {
        List<String> out = new ArrayList<>();
        for (ScenarioResult r : run.scenarios()) {
            Set<String> ok = allowed.get(r.id());
            if (ok == null) {
                out.add(r.id() + ": not in the truth table");
            } else if (!ok.contains(r.status().name())) {
                String seen = (r.observed() + ": " + r.observedText()).replaceAll("\\s+", " ");
                out.add(r.id() + ": " + r.status() + ", true: " + ok + "; observed "
                        + (seen.length() > 240 ? seen.substring(0, 240) + "..." : seen));
            }
        }
        return out;
    }

    /** The measurement (README, "Testing your gateway"): false passes, false failures, wall time, and which. */
    void print(String label, Run run) {
        System.out.printf("%s: %d false passes, %d false failures, wall time %d ms%n", label, falsePasses(run),
                falseFailures(run), run.wallTimeMillis());
        falseVerdicts(run).forEach(line -> System.out.println("  " + line));
    }

    long falsePasses(Run run) {
        return falseVerdicts(run).stream().filter(l -> l.contains(": PASS, true:")).count();
    }

    long falseFailures(Run run) {
        return falseVerdicts(run).stream().filter(l -> l.contains(": FAIL, true:")).count();
    }

    /**
     * The sloppy gateway (src/test/resources/foreign/sloppy_gateway.py), suite run without group URLs, in one match
     * mode. Its refusals cite no requirement id, so its correct refusals pass with --match refusal only.
     */
    static ForeignTruth sloppy(boolean refusalMode) {
        Set<String> trueRefusal = refusalMode ? Set.of(PASS) : Set.of(FAIL);
        Set<String> notReached = Set.of(SKIPPED, BLOCKED);
        return new ForeignTruth()
                // a well-behaved MCA client gets a session: the happy paths and the tolerated variants
                .allow(Set.of(PASS), "FLOW-HAPPY-WINDOWS", "FLOW-HAPPY-LINUX", "FLOW3-PKCS7-CISCO-SHAPE",
                        "FLOW4-INIT-NO-CERT-THEN-CERT", "FLOW8-DUPLICATED-CAPABILITIES", "FLOW8-MANY-AUTH-METHODS",
                        "LIM4-LINUX-USER-USER", "LIM5-RSA4096-BOTH", "PKI1-USER-VIA-INTERMEDIATE", "PKI5-SHUFFLED-ORDER",
                        "PKI5-ROOT-INCLUDED")
                // its challenge has no aggauth-handle: one finding for the run
                .allow(Set.of(FAIL), "FLOW1-CHALLENGE-SHAPE")
                // it lets in what it must refuse: any key type, no check of the TLS certificate, none of the user
                // certificate, any digest the signature verifies with, one constant challenge, no XML limits
                .allow(Set.of(FAIL), "LIM1-NO-TLS-CERT", "LIM1-SAME-CERT-TWICE", "LIM1-THREE-CERTS", "LIM3-TWO-MACHINE-CERTS", "LIM5-EC-USER",
                        "LIM5-EC384-USER", "LIM5-ED25519-USER", "LIM5-DSA-USER", "LIM5-EC-MACHINE", "LIM6-HASH-SHA1",
                        "LIM6-HASH-MD5", "LIM6-SHA1-SIGNED-CERT", "LIM6-MD5-SIGNED-CERT", "PKI1-ROGUE-USER",
                        "PKI1-ROGUE-MACHINE", "PKI1-MACHINE-FROM-USER-CA", "PKI2-USER-EXPIRED", "PKI2-USER-NOT-YET-VALID",
                        "PKI2-MACHINE-EXPIRED", "PKI3-USER-REVOKED", "PKI3-MACHINE-REVOKED", "PKI4-OTHER-SESSION-CHALLENGE",
                        "PKI5-EXTRA-UNRELATED-CERT", "PKI5-TWO-LEAVES", "PKI5-OVERSIZE-SET", "PKI5-LEAF-WITH-CA-FLAG",
                        "PKI6-SERVER-AUTH-EKU", "PKI6-NO-DIGITAL-SIGNATURE", "ROB1-OVERSIZED-XML", "ROB4-REPLAYED-REPLY")
                // CONNECT checks the cookie only, whatever certificate (none, another, rogue, expired) the TLS carries
                .allow(Set.of(FAIL), "FLOW7-COOKIE-NO-CERT", "FLOW7-COOKIE-OTHER-CERT", "FLOW7-COOKIE-ROGUE-CERT",
                        "FLOW7-COOKIE-EXPIRED-CERT")
                // it keeps no handles: a reply naming another or a made-up handle is accepted (or, with no handle to
                // change, the step cannot be reached)
                .allow(Set.of(FAIL, BLOCKED), "FLOW5-UNKNOWN-HANDLE", "ROB4-FOREIGN-HANDLE")
                // CONNECT with its token gets 200 and then nothing: no CSTP, no DPD, no DTLS; a bad frame meets no tunnel
                .allow(Set.of(FAIL, BLOCKED), "SES3-CSTP-TRAFFIC", "SES3-DPD-KEEPALIVE", "SES4-DTLS-AND-FALLBACK",
                        "ROB2-BAD-CSTP-FRAME")
                // it refuses these, with an <error> that cites no requirement id
                .allow(trueRefusal, "FLOW2-SIGNED-TRIMMED", "FLOW2-SIGNED-REINDENTED", "LIM1-NO-XML-CHAIN",
                        "LIM2-PASSWORD-ON-MCA-GROUP", "LIM6-HASH-UNKNOWN", "LIM6-HASH-EMPTY", "LIM6-DIGEST-MISMATCH",
                        "PKI4-SIGNATURE-TAMPERED", "PKI4-SIGNATURE-WRONG-KEY", "PKI4-GARBLED-BASE64", "PKI5-ZERO-CERTS",
                        "ROB1-MALFORMED-XML", "ROB1-XXE", "ROB1-BILLION-LAUGHS")
                // a made-up cookie gets HTTP 401, the protocol's own refusal
                .allow(Set.of(PASS), "FLOW7-CONNECT-MADE-UP-TOKEN")
                // the attempt that should be refused first (rogue user certificate) is accepted: CONNECT never follows
                .allow(Set.of(BLOCKED), "FLOW7-CONNECT-FAILED-TOKEN")
                // a client without multiple-cert gets the MCA request it cannot answer: not let in, but no clear error
                .allow(Set.of(PASS, FAIL), "LIM2-NO-MULTICERT-CAPABILITY", "LIM2-SINGLE-CERT-ON-MCA-GROUP")
                // one group only, which every client lands in; the first candidate pair already logs in
                .allow(Set.of(PASS, SKIPPED), "FLOW1-GROUP-SELECT")
                .allow(Set.of(PASS), "LIM7-CANDIDATE-COMBINATIONS")
                // no certificate or password group given, no clock control, no session database, no trustpoint view
                .allow(notReached, "LIM2-PASSWORD-ON-AAA-GROUP", "LIM2-SINGLE-CERT-ON-CERT-GROUP",
                        "FLOW5-REPLY-AFTER-TIMER", "ROB3-ABANDONED-AUTH-INFO", "FLOW6-USERNAME-FROM-TLS-CERT",
                        "PKI7-USERNAME-IN-XML", "PKI7-OPAQUE-GROUP-TAMPERED", "SES1-POOL-AND-POLICY",
                        "SES2-SESSIONDB-DETAIL", "SES5-TRUSTPOINT-VIEW");
    }

    /**
     * ocserv 1.1.6 with certificate authentication, addressed as the MCA group and as the certificate group. It never
     * sends an MCA request: it lets a client with a trusted TLS certificate in at the init. No scenario on the MCA
     * auth-reply is ever reached.
     */
    static ForeignTruth ocserv() {
        Set<String> notReached = Set.of(SKIPPED, BLOCKED);
        return new ForeignTruth()
                // what ocserv really does: 401 to a made-up cookie (a suite that stops at "no MCA" need not show it);
                // one TLS certificate logs in on its certificate group
                .allow(Set.of(PASS, BLOCKED), "FLOW7-CONNECT-MADE-UP-TOKEN")
                .allow(Set.of(PASS), "LIM2-SINGLE-CERT-ON-CERT-GROUP")
                // steps that are reached and that ocserv gets wrong as an MCA group: no MCA request to a well-behaved
                // MCA client, none to an init without a certificate (HTTP 401), a session for a client without
                // multiple-cert or with one certificate, a session for malformed or hostile XML (it ignores the body)
                .allow(Set.of(FAIL, BLOCKED), "FLOW-HAPPY-WINDOWS", "FLOW-HAPPY-LINUX", "FLOW4-INIT-NO-CERT-THEN-CERT",
                        "FLOW1-CHALLENGE-SHAPE", "FLOW8-DUPLICATED-CAPABILITIES", "FLOW8-MANY-AUTH-METHODS",
                        "LIM2-NO-MULTICERT-CAPABILITY", "LIM2-SINGLE-CERT-ON-MCA-GROUP", "ROB1-MALFORMED-XML",
                        "ROB1-OVERSIZED-XML", "ROB1-XXE", "ROB1-BILLION-LAUGHS")
                // no group name given (--authgroup); with one, ocserv has no groups to select
                .allow(Set.of(FAIL, BLOCKED, SKIPPED), "FLOW1-GROUP-SELECT")
                // everything on the MCA auth-reply, the second certificate, or a session that needs an MCA login
                .allow(notReached, "FLOW2-SIGNED-TRIMMED", "FLOW2-SIGNED-REINDENTED", "FLOW3-PKCS7-CISCO-SHAPE",
                        "FLOW5-REPLY-AFTER-TIMER", "FLOW5-UNKNOWN-HANDLE", "FLOW6-USERNAME-FROM-TLS-CERT",
                        "FLOW7-CONNECT-FAILED-TOKEN", "FLOW7-COOKIE-NO-CERT", "FLOW7-COOKIE-OTHER-CERT",
                        "FLOW7-COOKIE-ROGUE-CERT", "FLOW7-COOKIE-EXPIRED-CERT", "LIM1-NO-TLS-CERT", "LIM1-NO-XML-CHAIN",
                        "LIM1-SAME-CERT-TWICE", "LIM1-THREE-CERTS",
                        "LIM2-PASSWORD-ON-MCA-GROUP", "LIM2-PASSWORD-ON-AAA-GROUP", "LIM3-TWO-MACHINE-CERTS",
                        "LIM4-LINUX-USER-USER", "LIM5-EC-USER", "LIM5-EC384-USER", "LIM5-ED25519-USER", "LIM5-DSA-USER",
                        "LIM5-EC-MACHINE", "LIM5-RSA4096-BOTH", "LIM6-HASH-SHA1", "LIM6-HASH-MD5", "LIM6-HASH-UNKNOWN",
                        "LIM6-HASH-EMPTY", "LIM6-DIGEST-MISMATCH", "LIM6-SHA1-SIGNED-CERT", "LIM6-MD5-SIGNED-CERT",
                        "LIM7-CANDIDATE-COMBINATIONS", "PKI1-USER-VIA-INTERMEDIATE", "PKI1-ROGUE-USER",
                        "PKI1-ROGUE-MACHINE", "PKI1-MACHINE-FROM-USER-CA", "PKI2-USER-EXPIRED", "PKI2-USER-NOT-YET-VALID",
                        "PKI2-MACHINE-EXPIRED", "PKI3-USER-REVOKED", "PKI3-MACHINE-REVOKED", "PKI4-SIGNATURE-TAMPERED",
                        "PKI4-SIGNATURE-WRONG-KEY", "PKI4-OTHER-SESSION-CHALLENGE", "PKI4-GARBLED-BASE64",
                        "PKI5-SHUFFLED-ORDER", "PKI5-ROOT-INCLUDED", "PKI5-EXTRA-UNRELATED-CERT", "PKI5-ZERO-CERTS",
                        "PKI5-TWO-LEAVES", "PKI5-OVERSIZE-SET", "PKI5-LEAF-WITH-CA-FLAG", "PKI6-SERVER-AUTH-EKU",
                        "PKI6-NO-DIGITAL-SIGNATURE", "PKI7-USERNAME-IN-XML", "PKI7-OPAQUE-GROUP-TAMPERED", "ROB2-BAD-CSTP-FRAME",
                        "ROB3-ABANDONED-AUTH-INFO", "ROB4-REPLAYED-REPLY", "ROB4-FOREIGN-HANDLE", "SES1-POOL-AND-POLICY",
                        "SES2-SESSIONDB-DETAIL", "SES3-CSTP-TRAFFIC", "SES3-DPD-KEEPALIVE", "SES4-DTLS-AND-FALLBACK",
                        "SES5-TRUSTPOINT-VIEW");
    }
}
