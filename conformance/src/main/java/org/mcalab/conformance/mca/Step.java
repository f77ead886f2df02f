package org.mcalab.conformance.mca;

/**
 * How far an MCA exchange got, in order. A scenario names the step its bad input is judged at (its step under
 * test); a refusal counts only when the exchange reached that step (scenarios/README.md, "Step under test").
 */
public enum Step {
    /** The TLS handshake: a refused handshake is a refusal at this step. */
    TLS("TLS handshake"),
    /** The init got an HTTP answer. */
    INIT("init"),
    /** An auth-reply got an HTTP answer (after an MCA request, for the MCA profiles). */
    AUTH_REPLY("auth-reply"),
    /** A CONNECT got an HTTP answer. */
    CONNECT("CONNECT");

    private final String label;

    Step(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** As spelled in the catalogue: tls, init, auth-reply, connect. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Step fromId(String id) {
        for (Step s : values()) {
            if (s.id().equalsIgnoreCase(id.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown step '" + id + "'; known: tls, init, auth-reply, connect");
    }

    /** The step an HTTP request of this transcript phase reaches once answered. */
    static Step ofPhase(String phase) {
        return switch (phase) {
            case "auth-reply", "replay" -> AUTH_REPLY;
            case "connect" -> CONNECT;
            default -> INIT;
        };
    }

    public boolean before(Step other) {
        return ordinal() < other.ordinal();
    }
}
