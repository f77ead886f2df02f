package org.mcalab.conformance.mca;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthException;
import org.mcalab.protocol.xml.ConfigAuthParser;
import org.mcalab.client.HttpResponse;

/**
 * What the gateway did with an attempt: let the client in (a session token arrived) or refused it,
 * with the requirement id its error text cites, if any. {@code violations} are post-check failures
 * (a token issued with a refusal, the wrong mapped username...) that fail a scenario whatever its verdict.
 */
public record Observation(Kind kind, Requirement cited, String text, String sessionToken, List<String> violations,
                          String unclean) {
    public enum Kind { ACCEPT, REJECT }

    public Observation {
        violations = List.copyOf(violations);
    }

    public static Observation accept(String sessionToken, String text) {
        return new Observation(Kind.ACCEPT, null, text, sessionToken, List.of(), null);
    }

    public static Observation reject(Requirement cited, String text) {
        return new Observation(Kind.REJECT, cited, text, null, List.of(), null);
    }

    /**
     * A refusal that is not the protocol's clean one (a config-auth {@code <error>}, a 4xx, a refused handshake): a
     * 5xx, a 2xx without {@code <error>}, a connection closed without an answer. It still counts as a refusal.
     */
    public Observation withUnclean(String why) {
        return new Observation(kind, cited, text, sessionToken, violations, why);
    }

    /** A refusal whose text is searched for a requirement id. */
    public static Observation reject(String text) {
        return reject(Requirement.citedIn(text).orElse(null), text);
    }

    /**
     * Reads a gateway answer: success needs a session token (XML {@code session-token} or {@code Set-Cookie: webvpn=})
     * and {@code auth id="success"} or {@code type="complete"}; anything else is a refusal.
     */
    public static Observation of(HttpResponse response) {
        ConfigAuth doc = parse(response).orElse(null);
        String token = token(response, doc).orElse(null);
        boolean success = response.status() == 200 && doc != null
                && ("success".equals(doc.authId()) || "complete".equals(doc.type())) && token != null;
        if (success) {
            return accept(token, "HTTP 200 " + doc.type() + ", session token issued");
        }
        String text;
        if (doc != null && !doc.errors().isEmpty()) {
            text = String.join("; ", doc.errors());
        } else if (doc != null && response.status() == 200) {
            text = "gateway answered " + doc.type() + describeRequest(doc) + " and the client cannot go on";
        } else {
            String body = response.bodyText().strip();
            text = body.length() > 300 ? body.substring(0, 300) + "..." : body;
        }
        String full = "HTTP " + response.status() + (text.isEmpty() ? "" : ": " + text);
        Observation o = reject(Requirement.citedIn(text).orElse(null), full);
        if (response.status() >= 500) {
            o = o.withUnclean("HTTP " + response.status() + " is a server error, not the protocol's refusal");
        } else if (response.status() < 300) {
            if (doc == null || doc.errors().isEmpty()) {
                o = o.withUnclean("HTTP " + response.status() + " without a config-auth <error>");
            }
        } else if (response.status() < 400) {
            o = o.withUnclean("HTTP " + response.status() + " is not a refusal the client can read");
        }
        if (token != null) {
            o = o.withViolation("MCA-FLOW-7: a session token was issued together with a refusal");
        }
        return o;
    }

    private static String describeRequest(ConfigAuth doc) {
        if (doc.multipleCertRequest()) {
            return " (a multiple-certificate request)";
        }
        if (doc.clientCertRequest()) {
            return " (a client-certificate request)";
        }
        if (!doc.formInputs().isEmpty()) {
            return " (a form asking for " + String.join(", ", doc.formInputs()) + ")";
        }
        return "";
    }

    /**
     * Reads a config-auth answer as tolerantly as openconnect 9.01 does (scenarios/README.md, "Tolerances"): a byte
     * order mark and whitespace before the XML declaration are skipped. The signed bytes stay the exact body.
     */
    static Optional<ConfigAuth> parse(HttpResponse response) {
        byte[] body = tolerated(response.body());
        try {
            return body.length == 0 ? Optional.empty() : Optional.of(ConfigAuthParser.parse(body));
        } catch (ConfigAuthException e) {
            return Optional.empty();
        }
    }

    /** The body without a leading UTF-8 byte order mark and whitespace (libxml2, which openconnect uses, skips both). */
    static byte[] tolerated(byte[] body) {
        int start = 0;
        if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) {
            start = 3;
        }
        while (start < body.length && (body[start] == ' ' || body[start] == '\t' || body[start] == '\r' || body[start] == '\n')) {
            start++;
        }
        return start == 0 ? body : java.util.Arrays.copyOfRange(body, start, body.length);
    }

    static Optional<String> token(HttpResponse response, ConfigAuth doc) {
        if (doc != null && doc.sessionToken() != null && !doc.sessionToken().isBlank()) {
            return Optional.of(doc.sessionToken());
        }
        return response.cookie("webvpn").filter(v -> !v.isBlank());
    }

    public Observation withViolation(String violation) {
        List<String> v = new ArrayList<>(violations);
        v.add(violation);
        return new Observation(kind, cited, text, sessionToken, v, unclean);
    }

    public Observation withViolations(List<String> more) {
        List<String> v = new ArrayList<>(violations);
        v.addAll(more);
        return new Observation(kind, cited, text, sessionToken, v, unclean);
    }

    public boolean accepted() {
        return kind == Kind.ACCEPT;
    }

    /** Machine-friendly form: "accept", "reject MCA-LIM-5" or "reject (no requirement cited)". */
    public String code() {
        if (kind == Kind.ACCEPT) {
            return "accept";
        }
        return cited == null ? "reject (no requirement cited)" : "reject " + cited.id();
    }
}
