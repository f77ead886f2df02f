package org.mcalab.lab;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mcalab.gateway.GatewayChecks;
import org.mcalab.gateway.auth.ReplyCheck;
import org.mcalab.gateway.pki.ChainCheck;
import org.mcalab.gateway.session.ConnectCheck;
import org.mcalab.protocol.Requirement;

/**
 * TEST ONLY: the checks of a lab gateway that does not enforce some requirements, so that the conformance suite can
 * be shown to fail where a gateway waves an attack through (hidden {@code suite --lax}). The reference gateway runs
 * {@link GatewayChecks#all()}; a lax variant is assembled here, outside the gateway, by leaving out every check
 * named after a skipped requirement. Self-contained: it belongs with the lab, not with the cli's option parsing.
 */
public final class LaxChecks {
    private LaxChecks() {}

    /**
     * Every check but those enforcing {@code skipped}; {@link GatewayChecks#all()} when it is empty.
     *
     * @throws LabException when a skipped requirement has no check to leave out (it would change nothing, and a
     *                        run claiming a lax gateway would claim more than what ran)
     */
    public static GatewayChecks without(Set<Requirement> skipped) {
        GatewayChecks all = GatewayChecks.all();
        Set<Requirement> checked = EnumSet.noneOf(Requirement.class);
        checked.addAll(requirements(all.chain(), ChainCheck::requirement));
        checked.addAll(requirements(all.reply(), ReplyCheck::requirement));
        checked.addAll(requirements(all.connect(), ConnectCheck::requirement));
        List<Requirement> unknown = skipped.stream().filter(r -> !checked.contains(r)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new LabException("--lax: the gateway has no check of its own for " + ids(unknown)
                    + " to leave out; it has checks for " + ids(checked));
        }
        return new GatewayChecks(keep(all.chain(), ChainCheck::requirement, skipped),
                keep(all.reply(), ReplyCheck::requirement, skipped),
                keep(all.connect(), ConnectCheck::requirement, skipped));
    }

    private static <C> List<Requirement> requirements(List<C> checks, Function<C, Requirement> requirement) {
        return checks.stream().map(requirement).toList();
    }

    private static <C> List<C> keep(List<C> checks, Function<C, Requirement> requirement, Set<Requirement> skipped) {
        return checks.stream().filter(c -> !skipped.contains(requirement.apply(c))).toList();
    }

    private static String ids(Collection<Requirement> requirements) {
        return requirements.stream().sorted().map(Requirement::id).collect(Collectors.joining(", "));
    }
}
