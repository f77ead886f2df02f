package org.mcalab.conformance.scenario;

import org.mcalab.lab.GroupRole;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mcalab.protocol.Requirement;
import org.mcalab.client.mca.Profile;
import org.mcalab.conformance.mca.Step;

/**
 * One entry of the catalogue (schema: scenarios/README.md).
 *
 * @param group    which tunnel group it talks to; the run says where that group is ({@code GroupUrls})
 * @param mutation name of the client behaviour (see {@code Mutation}); "none" is the well-behaved client
 * @param params   mutation parameters
 * @param needs    capabilities the target must offer (clock-control, session-db, trustpoints, tunnel, dtls)
 * @param source   the file it was read from, for messages
 * @param step     the step under test: a refusal counts only once the exchange reached it (else BLOCKED)
 */
public record Scenario(String id, String title, List<Requirement> requirements, Level level, Profile profile,
                       GroupRole group, Credentials credentials, String mutation, Map<String, String> params,
                       Expectation expect, List<String> tags, Set<String> needs, String source, Step step) {

    public Scenario {
        requirements = List.copyOf(requirements);
        params = Map.copyOf(params);
        tags = List.copyOf(tags);
        needs = Set.copyOf(needs);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }
}
