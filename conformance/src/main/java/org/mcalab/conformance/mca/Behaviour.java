package org.mcalab.conformance.mca;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a scenario runs: a {@link Mutation} (the client changes one thing in the exchange) or a {@link Check} (a
 * well-behaved login, then a look at what the gateway did: the request's shape, the session record, the trustpoint
 * view, the tunnel). Each declares the parameters it reads; the catalogue accepts no other key.
 */
public sealed interface Behaviour permits Mutation, Check {
    /** What each behaviour declares. */
    Declaration declaration();

    /** The name scenario files use ({@code mutation: hash-not-offered}, {@code check: session}). */
    default String id() {
        return declaration().id();
    }

    default String description() {
        return declaration().description();
    }

    /** The parameters it reads besides the well-behaved client's own ({@link ClientParams}). */
    default List<Param<?>> params() {
        return declaration().params();
    }

    /** Where its bad input is judged, when that does not follow from the profile (scenarios/README.md, "Step under test"). */
    default Optional<Step> step() {
        return Optional.ofNullable(declaration().step());
    }

    /** Runs the conversation, then its post-checks; the attempt's violations are attached to the observation. */
    default Observation run(Attempt attempt) throws IOException {
        Observation o = declaration().flow().run(attempt);
        for (PostCheck check : declaration().after()) {
            o = check.apply(attempt, o);
        }
        return o.withViolations(attempt.violations());
    }

    /** The one of {@code all} a scenario file names (case and surrounding blanks aside). */
    static <B extends Behaviour> Optional<B> named(B[] all, String id) {
        return Arrays.stream(all).filter(b -> b.id().equals(id.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    static List<String> names(Behaviour[] all) {
        return Arrays.stream(all).map(Behaviour::id).toList();
    }

    /** The conversation a behaviour runs; returns what the gateway did. */
    interface Flow {
        Observation run(Attempt attempt) throws IOException;
    }

    /**
     * @param step   where its bad input is judged, or null when the profile decides
     * @param after  what is looked at once the conversation ran, whatever the gateway answered
     * @param params the parameters it reads, each with its type and default
     */
    record Declaration(String id, Step step, String description, Flow flow, List<PostCheck> after,
                       List<Param<?>> params) {
        public Declaration {
            after = List.copyOf(after);
            params = List.copyOf(params);
        }
    }
}
