package org.mcalab.protocol;

/**
 * Why a gateway refused something, with the requirement it enforces. Its text form is what the
 * client sees in the config-auth error and what the report cites: {@code MCA-LIM-5: non-RSA key in user certificate}.
 */
public record Refusal(Requirement requirement, String reason) {
    public String text() {
        return requirement.id() + ": " + reason;
    }

    @Override
    public String toString() {
        return text();
    }
}
