package org.mcalab.conformance.scenario;

import org.mcalab.lab.GroupRole;

import java.util.List;
import java.util.Set;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.Requirement.Level;
import org.mcalab.client.mca.Profile;
import org.mcalab.conformance.mca.Behaviour;
import org.mcalab.conformance.mca.Params;
import org.mcalab.conformance.mca.Step;

/**
 * One entry of the catalogue (schema: scenarios/README.md).
 *
 * @param group    which tunnel group it talks to; the run says where that group is ({@code GroupUrls})
 * @param behaviour what the client runs: a {@code Mutation} ({@code NONE} is the well-behaved client) or a {@code Check}
 * @param params   the behaviour's parameters, typed and checked against its declarations
 * @param needs    capabilities the target must offer (clock-control, session-db, trustpoints, tunnel, dtls)
 * @param source   the file (and line) it was read from, for messages
 * @param step     the step under test: a refusal counts only once the exchange reached it (else BLOCKED)
 */
public record Scenario(String id, String title, List<Requirement> requirements, Level level, Profile profile,
                       GroupRole group, Credentials credentials, Behaviour behaviour, Params params,
                       Expectation expect, List<String> tags, Set<String> needs, String source, Step step) {

    public Scenario {
        requirements = List.copyOf(requirements);
        tags = List.copyOf(tags);
        needs = Set.copyOf(needs);
    }
}
