package org.mcalab.reports.model;

import java.util.List;

/** @param leaks "none" or a description of each leak found */
public record RobustnessSection(List<Probe> probes, List<String> leaks) {
    /** One input tried or fault injected, and what the gateway did. */
    public record Probe(String kind, String input, int attempts, String outcome, boolean passed) {}
}
