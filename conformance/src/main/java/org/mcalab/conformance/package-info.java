/**
 * The conformance suite, in packages: {@code scenario} (the catalogue as data), {@code mca} (what a scenario's client
 * does and what was observed), {@code suite} (preflight, runner, baseline, logout), {@code probe} (the tunnel probe)
 * and {@code robustness} (abuse probes). It drives the {@code client} module against a {@code lab} target; cli's
 * {@code suite} command and load's soak use it. The wire protocol it judges is docs/protocol.md.
 */
package org.mcalab.conformance;
