package org.mcalab.conformance.suite;

import org.mcalab.lab.GroupUrls;

import java.time.Duration;
import java.util.Map;

/**
 * How the suite runs.
 *
 * @param slow        really wait for gateway timers (3 min) on targets without clock control
 * @param timeout     connect/read timeout of each connection
 * @param environment facts printed in the report (java version, PKI directory...)
 * @param groups      where the target serves each tunnel group (nothing is assumed)
 */
public record SuiteOptions(MatchMode match, Baseline baseline, boolean slow, Duration timeout,
                           Map<String, String> environment, GroupUrls groups) {
    public SuiteOptions {
        environment = Map.copyOf(environment);
    }
}
