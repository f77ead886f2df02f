package org.mcalab.conformance.scenario;

import java.util.Optional;
import org.mcalab.protocol.Requirement;

/**
 * What a conformant gateway does with a scenario: let the client in, refuse it (citing a requirement,
 * or with any refusal), or either of the two when only the post-checks matter (e.g. a username
 * substitution attempt may be ignored or refused, but must never change the mapped username).
 */
public record Expectation(Outcome outcome, Requirement requirement) {
    public enum Outcome { ACCEPT, REJECT, EITHER }

    public static Expectation accept() {
        return new Expectation(Outcome.ACCEPT, null);
    }

    public static Expectation reject(Requirement requirement) {
        return new Expectation(Outcome.REJECT, requirement);
    }

    public static Expectation either() {
        return new Expectation(Outcome.EITHER, null);
    }

    public Optional<Requirement> cited() {
        return Optional.ofNullable(requirement);
    }

    /** Machine-friendly form used in results.json: "accept", "reject MCA-LIM-5", "reject", "accept or reject". */
    public String text() {
        return switch (outcome) {
            case ACCEPT -> "accept";
            case REJECT -> requirement == null ? "reject" : "reject " + requirement.id();
            case EITHER -> "accept or reject";
        };
    }

    /** In plain words for the report. */
    public String plainText() {
        return switch (outcome) {
            case ACCEPT -> "the gateway lets the client in (session token issued)";
            case REJECT -> requirement == null ? "the gateway refuses the attempt"
                    : "the gateway refuses the attempt, citing " + requirement.id();
            case EITHER -> "either outcome, as long as the post-checks hold";
        };
    }

    /**
     * Parses the catalogue's forms: {@code accept}, {@code either}, {@code reject}, {@code reject MCA-LIM-5},
     * {@code reject: MCA-LIM-5}.
     */
    public static Expectation parse(String text) {
        String t = text == null ? "" : text.trim();
        String lower = t.toLowerCase();
        if (lower.equals("accept")) {
            return accept();
        }
        if (lower.equals("either") || lower.equals("accept or reject")) {
            return either();
        }
        if (lower.startsWith("reject")) {
            String id = t.substring("reject".length()).replace(":", " ").trim();
            if (id.isEmpty()) {
                return reject(null);
            }
            return reject(Requirement.find(id)
                    .orElseThrow(() -> new IllegalArgumentException("unknown requirement id '" + id + "' in expect")));
        }
        throw new IllegalArgumentException("expect must be 'accept', 'either' or 'reject: MCA-X-N', not '" + t + "'");
    }
}
