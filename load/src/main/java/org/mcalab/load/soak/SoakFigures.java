package org.mcalab.load.soak;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.mcalab.reports.model.RobustnessSection;

/**
 * What a soak did and what it left behind.
 *
 * @param badInputs       bad clients injected, by label, and how many got the refusal they must get
 * @param unexpected      outcomes that were not the expected ones (a good login refused, a bad input let through,
 *                        an I/O error), a few samples
 * @param unexpectedCount how many such outcomes in total
 * @param skippedTicks    ticks with every worker busy (the pace was not kept; not an error)
 * @param sessionsLost    sessions still in the database after every client logged out (baseline subtracted)
 * @param pendingLeft     auth-info entries still waiting after the run (baseline subtracted)
 * @param addressesInUse  pool addresses that could not be leased again after the run (never returned), empty
 *                        without tunnels
 */
public record SoakFigures(Duration ran, double rate, int logins, int loginFailures, int tunnels, int logouts,
                          Map<String, Refused> badInputs, List<String> unexpected, int unexpectedCount, int skippedTicks,
                          int sessionsLost, int pendingLeft, OptionalInt addressesInUse, long heapBeforeBytes,
                          long heapAfterBytes) {

    /** Heap after GC may exceed the start by this share before it counts as a leak. */
    public static final double HEAP_TOLERANCE = 0.10;

    /**
     * ... and by at least this much: two chunks of Netty's pooled allocator (4 MiB each). An arena takes a whole
     * chunk when a thread first needs it, so on the 35-40 MiB live set of a short soak one late chunk alone is +11 %
     * (seen: 37.3 -> 41.4 MiB after a 12-second soak); a leak must outgrow that granularity to be told from it.
     */
    public static final long HEAP_SLACK_BYTES = 8L * 1024 * 1024;

    /** @param attempts injected, @param refusedAsRequired answered with the requirement the input violates */
    public record Refused(int attempts, int refusedAsRequired) {}

    public SoakFigures {
        badInputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(badInputs)); // keeps the order
        unexpected = List.copyOf(unexpected);
    }

    public int badInputsTotal() {
        return badInputs.values().stream().mapToInt(Refused::attempts).sum();
    }

    /** Each leak found, in words; empty when none. */
    public List<String> leaks() {
        List<String> leaks = new ArrayList<>();
        if (sessionsLost > 0) {
            leaks.add(sessionsLost + " session(s) still active after every client logged out");
        }
        if (pendingLeft > 0) {
            leaks.add(pendingLeft + " auth-info entr" + (pendingLeft == 1 ? "y" : "ies") + " left pending");
        }
        if (addressesInUse.isPresent() && addressesInUse.getAsInt() > 0) {
            leaks.add(addressesInUse.getAsInt() + " pool address(es) still leased");
        }
        if (heapAfterBytes > heapBeforeBytes * (1 + HEAP_TOLERANCE) && heapAfterBytes - heapBeforeBytes > HEAP_SLACK_BYTES) {
            leaks.add(String.format("heap after GC grew %.1f%% (%s -> %s), more than %d%% and 8 MiB", heapGrowthPercent(),
                    mib(heapBeforeBytes), mib(heapAfterBytes), (int) (HEAP_TOLERANCE * 100)));
        }
        return leaks;
    }

    public double heapGrowthPercent() {
        return heapBeforeBytes == 0 ? 0 : 100.0 * (heapAfterBytes - heapBeforeBytes) / heapBeforeBytes;
    }

    /** No leak and no outcome beyond the injected refusals. */
    public boolean passed() {
        return leaks().isEmpty() && unexpectedCount == 0;
    }

    /** The figures as the report's robustness section. */
    public RobustnessSection section() {
        List<RobustnessSection.Probe> probes = new ArrayList<>();
        probes.add(new RobustnessSection.Probe("soak", "MCA login (openconnect-shaped) then logout", logins + loginFailures,
                logins + " logged in, " + loginFailures + " refused, " + logouts + " logged out", loginFailures == 0));
        if (tunnels > 0) {
            probes.add(new RobustnessSection.Probe("soak", "CSTP tunnel after login", tunnels, tunnels + " tunnels up", true));
        }
        badInputs.forEach((label, r) -> probes.add(new RobustnessSection.Probe("soak bad input", label, r.attempts(),
                r.refusedAsRequired() + " of " + r.attempts() + " refused as required", r.refusedAsRequired() == r.attempts())));
        probes.add(new RobustnessSection.Probe("soak leak check", "sessions, auth-info, pool addresses, heap after GC", 1,
                String.format("sessions lost %d, auth-info left %d, addresses leased %s, heap %s -> %s (%+.1f%%)", sessionsLost,
                        pendingLeft, addressesInUse.isPresent() ? Integer.toString(addressesInUse.getAsInt()) : "n/a",
                        mib(heapBeforeBytes), mib(heapAfterBytes), heapGrowthPercent()), leaks().isEmpty()));
        if (unexpectedCount > 0) {
            probes.add(new RobustnessSection.Probe("soak", "unexpected outcomes", unexpectedCount,
                    String.join("; ", unexpected), false));
        }
        List<String> leaks = leaks();
        return new RobustnessSection(probes, leaks.isEmpty() ? List.of("none") : leaks);
    }

    public void print(PrintStream out) {
        out.printf("soak: %d s at %.1f/s%n", ran.toSeconds(), rate);
        out.printf("  logins        %d (%d refused)%n", logins, loginFailures);
        out.printf("  tunnels       %d%n", tunnels);
        out.printf("  logouts       %d%n", logouts);
        out.printf("  bad inputs    %d%n", badInputsTotal());
        badInputs.forEach((label, r) -> out.printf("    %-32s %d, %d refused as required%n", label, r.attempts(),
                r.refusedAsRequired()));
        out.printf("  unexpected    %d%n", unexpectedCount);
        unexpected.forEach(u -> out.printf("    %s%n", u));
        if (skippedTicks > 0) {
            out.printf("  skipped ticks %d (all workers busy)%n", skippedTicks);
        }
        out.printf("  sessions lost %d%n", sessionsLost);
        out.printf("  auth-info left %d%n", pendingLeft);
        out.printf("  addresses leased %s%n", addressesInUse.isPresent() ? Integer.toString(addressesInUse.getAsInt()) : "n/a (no tunnel)");
        out.printf("  heap after GC %s -> %s (%+.1f%%)%n", mib(heapBeforeBytes), mib(heapAfterBytes), heapGrowthPercent());
        List<String> leaks = leaks();
        out.println(leaks.isEmpty() ? "  leaks         none" : "  LEAKS         " + String.join("; ", leaks));
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
