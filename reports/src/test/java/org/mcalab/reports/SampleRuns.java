package org.mcalab.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcalab.reports.model.CertificateInfo;
import org.mcalab.reports.model.Evidence;
import org.mcalab.reports.model.LoadSection;
import org.mcalab.reports.model.RequirementInfo;
import org.mcalab.reports.model.RobustnessSection;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.ScenarioResult;
import org.mcalab.reports.model.Status;
import org.mcalab.reports.model.TlsInfo;
import org.mcalab.reports.model.TraceLine;
import org.mcalab.reports.model.XmlExchange;

/**
 * Runs that look like real ones: wire bodies in the shapes of docs/protocol.md §13 and gateway
 * trace lines in the style of the seed's `debug aggregate-auth ssl` output. One scenario per status.
 */
public final class SampleRuns {

    public static final String HOSTILE_SCENARIO = "ROB1-XXE-SCRIPT";
    public static final String HAPPY_SCENARIO = "FLOW6-HAPPY-PATH";
    public static final String SIGNED_SHA256 = "9f2c1a7be0d54c3e8a61b2f0c4d7e9a1356b8c0d2e4f6a8b0c1d3e5f7a9b1c2d";

    static final String INIT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <config-auth client="vpn" type="init" aggregate-auth-version="2"><version who="vpn">v9.01-3</version><device-id>linux-64</device-id><capabilities><auth-method>single-sign-on-v2</auth-method><auth-method>single-sign-on-external-browser</auth-method><auth-method>multiple-cert</auth-method></capabilities><group-access>https://127.0.0.1:8443/</group-access></config-auth>
            """;

    static final String AUTH_REQUEST = """
            <?xml version="1.0" encoding="UTF-8"?>
            <config-auth client="vpn" type="auth-request" aggregate-auth-version="2">
            <opaque is-for="sg">
            <tunnel-group>LAB</tunnel-group>
            <aggauth-handle>424242</aggauth-handle>
            <auth-method>multiple-cert</auth-method>
            <config-hash>1595829378234</config-hash>
            </opaque>
            <multiple-client-cert-request>
            <hash-algorithm>sha256</hash-algorithm><hash-algorithm>sha384</hash-algorithm><hash-algorithm>sha512</hash-algorithm>
            </multiple-client-cert-request>
            <random>3F0C9A1B7E55D2C48A0F6B13C9E27D4410AB5C3E9F8D7C6B5A4938271605F4E3</random>
            <cert-authenticated></cert-authenticated>
            </config-auth>
            """;

    static final String AUTH_REPLY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <config-auth client="vpn" type="auth-reply" aggregate-auth-version="2"><version who="vpn">v9.01-3</version><device-id>linux-64</device-id><capabilities><auth-method>single-sign-on-v2</auth-method><auth-method>multiple-cert</auth-method></capabilities><session-token/><session-id/><opaque is-for="sg">
            <tunnel-group>LAB</tunnel-group>
            <aggauth-handle>424242</aggauth-handle>
            <auth-method>multiple-cert</auth-method>
            <config-hash>1595829378234</config-hash>
            </opaque><auth><client-cert-chain cert-store="1M"><client-cert-sent-via-protocol/></client-cert-chain><client-cert-chain cert-store="1U"><client-cert cert-format="pkcs7">MIIGmgYJKoZIhvcNAQcCoIIGizCCBocCAQExADALBgkqhkiG9w0BBwWgggZvMIID
            5z7w2ZZ2uiJ8X7TcMQA=</client-cert><client-cert-auth-signature hash-algorithm-chosen="sha512">SbkK0AHvoilV7Knj7k8l3BYx4O5HYqGtQAqOiIOjcoCYXhTSqrtrVz5UDcaWHi+x
            QjTUxhgF2BKudVGHh6gkjg==</client-cert-auth-signature></client-cert-chain></auth></config-auth>
            """;

    static final String COMPLETE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <config-auth client="vpn" type="complete" aggregate-auth-version="2">
            <session-token>4E6F3A1C9B2D7E8F</session-token>
            <auth id="success"><message>Success</message></auth>
            </config-auth>
            """;

    /** A robustness probe body: an XXE DOCTYPE plus markup that must never run in the report. */
    public static final String HOSTILE_BODY = """
            <?xml version="1.0"?>
            <!DOCTYPE config-auth [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <config-auth client="vpn" type="init"><version who="vpn">&xxe;</version><group-access><script>alert(1)</script></group-access></config-auth>
            """;

    private SampleRuns() {}

    /** Seven scenarios, one of each status plus a second pass; robustness and load sections present. */
    public static Run mixed() {
        List<ScenarioResult> scenarios = new ArrayList<>();
        scenarios.add(scenario("LIM5-EC-USER-TLS", "EC P-256 key in the user certificate is refused", List.of("MCA-LIM-5"),
                "reject MCA-LIM-5", "accept",
                "The gateway refuses the login with MCA-LIM-5: the user certificate has an EC key.",
                "The gateway accepted the login and returned a session token.",
                Status.FAIL, null, 412, new Evidence(
                        List.of(new XmlExchange("client->gateway", "POST", "/", 200, INIT, null),
                                new XmlExchange("gateway->client", "POST", "/", 200, AUTH_REQUEST, SIGNED_SHA256),
                                new XmlExchange("client->gateway", "POST", "/", 200, AUTH_REPLY, null),
                                new XmlExchange("gateway->client", "POST", "/", 200, COMPLETE, null)),
                        List.of(machineCert(), new CertificateInfo("XML (user, 1U)", "CN=alice,OU=Eng,O=mcalab", "CN=UserCA,O=mcalab",
                                "6B1F", "EC P-256", 256, "SHA256withECDSA", List.of("clientAuth"),
                                "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                                "A1:B2:C3:D4:E5:F6:07:18:29:3A:4B:5C:6D:7E:8F:90:A1:B2:C3:D4:E5:F6:07:18:29:3A:4B:5C:6D:7E:8F:90")),
                        new TlsInfo("TLSv1.3", "TLS_AES_256_GCM_SHA384"), authReplyTrace(),
                        timings(), List.of("The user certificate key is EC P-256; MCA-LIM-5 allows RSA only."))));
        scenarios.add(scenario(HAPPY_SCENARIO, "Machine certificate in TLS, user certificate in aggregate auth: connected",
                List.of("MCA-FLOW-3", "MCA-FLOW-6", "MCA-LIM-3"), "accept", "accept",
                "The login succeeds with a session token; username from the TLS certificate's CN.",
                "Logged in as MachineID.mcalab.test; session token issued.",
                Status.PASS, null, 388, new Evidence(
                        List.of(new XmlExchange("client->gateway", "POST", "/", 200, INIT, null),
                                new XmlExchange("gateway->client", "POST", "/", 200, AUTH_REQUEST, SIGNED_SHA256),
                                new XmlExchange("client->gateway", "POST", "/", 200, AUTH_REPLY, null),
                                new XmlExchange("gateway->client", "POST", "/", 200, COMPLETE, null)),
                        List.of(machineCert(), userCert()), new TlsInfo("TLSv1.3", "TLS_AES_256_GCM_SHA384"),
                        authReplyTrace(), timings(), List.of())));
        scenarios.add(scenario("FLOW1-INIT-ADVERTISES", "Init advertising multiple-cert gets a multiple-client-cert-request",
                List.of("MCA-FLOW-1", "MCA-FLOW-2"), "accept", "accept",
                "An auth-request listing sha256, sha384 and sha512, a fresh random and an aggauth-handle.",
                "auth-request with sha256, sha384, sha512; handle 424242; 699 bytes kept for verification.",
                Status.PASS, null, 57, new Evidence(
                        List.of(new XmlExchange("client->gateway", "POST", "/", 200, INIT, null),
                                new XmlExchange("gateway->client", "POST", "/", 200, AUTH_REQUEST, SIGNED_SHA256)),
                        List.of(), new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256"), initTrace(), Map.of("init", 57L), List.of())));
        scenarios.add(scenario("LIM6-SHA1-CHOSEN", "hash-algorithm-chosen=\"sha1\" is refused", List.of("MCA-LIM-6"),
                "reject MCA-LIM-6", "reject (no requirement cited)",
                "Refusal citing MCA-LIM-6.", "Refused with \"Authentication failed\" without a requirement id.",
                Status.KNOWN_DEVIATION, "Vendor gateway 9.7(1) refuses but does not say why; tracked as VPN-1432.", 140,
                Evidence.empty()));
        scenarios.add(scenario("PKI3-REVOKED-USER", "Revoked user certificate is refused", List.of("MCA-PKI-3"),
                "reject MCA-PKI-3", "reject MCA-PKI-3", "Refusal citing MCA-PKI-3.", "Refused: MCA-PKI-3: certificate revoked (CRL).",
                Status.UNEXPECTED_PASS, "CRL checking was off on the lab gateway (baseline from 2025-05).", 96,
                new Evidence(List.of(), List.of(), null, List.of(), Map.of(), List.of("CRL fetched from http://127.0.0.1:8081/user.crl"))));
        scenarios.add(scenario(HOSTILE_SCENARIO, "XXE DOCTYPE with <script> in group-access gets a clear error",
                List.of("MCA-ROB-1"), "reject MCA-ROB-1", "error: connection reset after 0 bytes",
                "A clear XML error and nothing else.", "The gateway reset the connection.\u0001 No HTTP response.",
                Status.ERROR, null, 3021, new Evidence(
                        List.of(new XmlExchange("client->gateway", "POST", "/", 0, HOSTILE_BODY, null)),
                        List.of(), null,
                        List.of(new TraceLine("10:15:33.210", "aggregate-auth xml", "Processing client request"),
                                new TraceLine("10:15:33.211", "aggregate-auth xml", "XML parse error: DOCTYPE is not allowed <script>alert(2)</script>")),
                        Map.of(), List.of())));
        scenarios.add(scenario("SES4-DTLS-FALLBACK", "Traffic falls back to CSTP when DTLS is blocked", List.of("MCA-SES-4"),
                "accept", "skipped", "Packets keep flowing over CSTP.", "Skipped: the target does not offer DTLS.",
                Status.SKIPPED, null, 0, null));

        Map<String, String> env = new LinkedHashMap<>();
        env.put("java", "17.0.15 (Debian)");
        env.put("openconnect", "9.01-3");
        env.put("host", "lab-runner-1");
        env.put("os", "Linux 6.1 amd64");
        return new Run("mcalab", "0.1.0", Instant.parse("2026-03-01T10:15:30.123Z"), 74_512, "https://127.0.0.1:8443/",
                true, env, catalogue(), scenarios, robustness(), load());
    }

    /** Everything passes and verifies every requirement of its (smaller) catalogue, no optional sections. */
    public static Run conformant() {
        Run m = mixed();
        List<ScenarioResult> passing = m.scenarios().stream().filter(s -> s.status() == Status.PASS).toList();
        List<RequirementInfo> verified = m.requirements().stream()
                .filter(r -> passing.stream().anyMatch(s -> s.requirements().contains(r.id()))).toList();
        return new Run(m.tool(), m.version(), m.startedAt(), 1200, m.target(), false, m.environment(), verified,
                passing, null, null);
    }

    /** What a load command writes: no requirement, one scenario for the load verdict, the load section; no version. */
    public static Run loadOnly() {
        Run m = mixed();
        List<ScenarioResult> one = m.scenarios().stream().filter(s -> s.status() == Status.PASS).limit(1).toList();
        return new Run("mcalab load tunnel", null, m.startedAt(), 10_970, m.target(), true, m.environment(), List.of(),
                one, null, load());
    }

    public static Run withScenarios(List<ScenarioResult> scenarios) {
        Run m = mixed();
        return new Run(m.tool(), m.version(), m.startedAt(), m.wallTimeMillis(), m.target(), m.embedded(), m.environment(),
                m.requirements(), scenarios, null, null);
    }

    public static ScenarioResult scenario(String id, String title, List<String> reqs, String expected, String observed,
                                          String expectedText, String observedText, Status status, String reason,
                                          long millis, Evidence evidence) {
        return new ScenarioResult(id, title, reqs, "MUST", "windows-machine-user", List.of("mca"), expected, observed,
                expectedText, observedText, status, reason, millis, evidence);
    }

    static List<RequirementInfo> catalogue() {
        return List.of(
                new RequirementInfo("MCA-FLOW-1", "The client advertises multiple-cert in init; the gateway answers with multiple-client-cert-request (sha256, sha384, sha512), a fresh random and an aggauth-handle.", "MUST", "Flow"),
                new RequirementInfo("MCA-FLOW-2", "The gateway keeps the exact bytes of the auth-request it sent and verifies the client's signature against them.", "MUST", "Flow"),
                new RequirementInfo("MCA-FLOW-3", "First certificate in the TLS handshake, second in auth-reply as PKCS#7 with client-cert-auth-signature.", "MUST", "Flow"),
                new RequirementInfo("MCA-FLOW-4", "An init without a TLS client certificate is answered, and the client can come back with one.", "MUST", "Flow"),
                new RequirementInfo("MCA-FLOW-6", "On success: cert-only login, username from the first certificate's CN, complete with a session token.", "MUST", "Flow"),
                new RequirementInfo("MCA-LIM-3", "Windows: machine cert in the TLS handshake, user cert in aggregate auth.", "MUST", "Limits"),
                new RequirementInfo("MCA-LIM-5", "RSA certificates only: EC, DSA, Ed25519 keys are refused, in either position.", "MUST", "Limits"),
                new RequirementInfo("MCA-LIM-6", "Only SHA-256, SHA-384, SHA-512 in aggregate auth.", "MUST", "Limits"),
                new RequirementInfo("MCA-PKI-3", "Revoked certificates are refused (CRL).", "MUST", "Certificate validation"),
                new RequirementInfo("MCA-SES-4", "DTLS tunnel beside CSTP; falls back to CSTP when DTLS is down.", "SHOULD", "Session and tunnel"),
                new RequirementInfo("MCA-ROB-1", "Malformed, oversized or entity-laden XML gets a clear error and nothing else.", "MUST", "Robustness"));
    }

    private static CertificateInfo machineCert() {
        return new CertificateInfo("TLS (machine, 1M)", "CN=MachineID.mcalab.test,O=mcalab", "CN=MachineCA,O=mcalab", "01A3",
                "RSA", 2048, "SHA256withRSA", List.of("clientAuth"), "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                "3C:91:0E:5D:77:AB:12:F4:88:6A:0B:C2:19:E3:45:D6:7F:80:91:A2:B3:C4:D5:E6:F7:08:19:2A:3B:4C:5D:6E");
    }

    private static CertificateInfo userCert() {
        return new CertificateInfo("XML (user, 1U)", "CN=alice,OU=Eng,O=mcalab", "CN=UserCA,O=mcalab", "6B1E",
                "RSA", 2048, "SHA256withRSA", List.of("clientAuth", "emailProtection"), "2025-01-01T00:00:00Z",
                "2027-01-01T00:00:00Z",
                "D0:4F:22:8B:1C:E9:73:05:A6:BB:4D:90:3E:27:C1:58:F9:6A:0D:B4:72:13:EE:C5:88:31:9F:46:A0:7B:2C:E1");
    }

    private static Map<String, Long> timings() {
        Map<String, Long> t = new LinkedHashMap<>();
        t.put("tls", 21L);
        t.put("init", 35L);
        t.put("auth-reply", 302L);
        t.put("connect", 30L);
        return t;
    }

    private static List<TraceLine> initTrace() {
        String[] lines = {
                "/CSCOSSLC/config-auth", "Processing client request", "XML successfully parsed", "Processing request (init)",
                "INIT-cert: Client has certificate, groupSelect LAB", "Found TG LAB by URL https://127.0.0.1:8443/",
                "INIT-cert: Client advertised multi-cert authentication support",
                "[424242] Created auth info for client 127.0.0.1", "[424242] Started timer (3 mins) for auth info for client 127.0.0.1",
                "INIT-cert: Tunnel group LAB requires multi-cert authentication", "[424242] Generating multiple certificate request",
                "[424242] Saved message of len 699 to verify signature", "rcode from handler = 0", "Sending response"};
        return trace(lines, 30, 0);
    }

    private static List<TraceLine> authReplyTrace() {
        String[] lines = {
                "Processing request (auth-reply)", "auth-reply:[424242] searching for authinfo",
                "[424242] Found auth info for client 127.0.0.1, update expire timer (3 mins)", "[424242] Multi cert authentication",
                "[424242] First cert came in SSL protocol, len 891", "[424242] Success loading cert into PKI",
                "[424242] Authenticating second cert", "[424242] Certificate Authentication success - verifying signature",
                "[424242] Signature verify success", "Attempting cert only login", "Authorization username = MachineID.mcalab.test",
                "Send auth complete", "[424242] Destroy auth info for 127.0.0.1"};
        return trace(lines, 31, 100);
    }

    private static List<TraceLine> trace(String[] lines, int second, int millis) {
        List<TraceLine> trace = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            trace.add(new TraceLine(String.format("10:15:%02d.%03d", second, millis + i * 3), "aggregate-auth ssl", lines[i]));
        }
        return trace;
    }

    private static RobustnessSection robustness() {
        return new RobustnessSection(List.of(
                new RobustnessSection.Probe("xml", "<!DOCTYPE lolz [<!ENTITY lol \"lol\"> ...]> (billion laughs)", 3, "HTTP 400 MCA-ROB-1: DOCTYPE not allowed", true),
                new RobustnessSection.Probe("xml", "1 MiB auth-reply", 2, "HTTP 413 MCA-ROB-1: body over 64 KiB", true),
                new RobustnessSection.Probe("cstp", "frame with bad magic 'XTF\\x01'", 5, "tunnel closed; other sessions unaffected", true),
                new RobustnessSection.Probe("slowloris", "1 byte every 5 s", 1, "connection kept open 120 s", false)),
                List.of("none"));
    }

    private static LoadSection load() {
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("logins_total", 12_360.0);
        summary.put("logins_per_s", 412.0);
        summary.put("failed_logins", 0.0);
        summary.put("clients", 64.0);
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        List<double[]> logins = new ArrayList<>();
        List<double[]> goodput = new ArrayList<>();
        for (int s = 0; s <= 30; s++) {
            logins.add(new double[] {s, s < 3 ? 140.0 * s : 400 + (s * 37 % 29)});
            goodput.add(new double[] {s, s < 2 ? 900.0 * s : 3900 + (s * 53 % 400)});
        }
        series.put("logins_per_s", logins);
        series.put("goodput_mbit_s", goodput);
        Map<String, Double> pct = new LinkedHashMap<>();
        pct.put("p99.9", 41.7);
        pct.put("p50", 12.4);
        pct.put("p99", 28.3);
        pct.put("p90", 19.0);
        return new LoadSection("logins", "mcalab load logins --clients 64 --duration 30s", summary, series, pct);
    }
}
