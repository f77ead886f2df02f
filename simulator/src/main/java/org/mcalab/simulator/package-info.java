/**
 * The client simulator and the conformance suite.
 *
 * <ul>
 *   <li>{@code client}: an HTTPS client speaking like openconnect 9.01 (headers, X-Pad, exact response bytes,
 *       a forced TLS client certificate or none).</li>
 *   <li>{@code mca}: the MCA conversation ({@code Flows}), the signer, and one {@code Mutation} per client
 *       misbehaviour; each run yields an {@code Observation} and a {@code Transcript} (the report's evidence).</li>
 *   <li>{@code scenario}: the YAML catalogue (scenarios/README.md), selection by id, glob, requirement or tag.</li>
 *   <li>{@code suite}: the runner (expectation vs observation, post-checks, baseline) producing the report's Run.</li>
 *   <li>{@code sut}: the system under test: URL and trust, embedded-only controls, tunnel probes.</li>
 * </ul>
 */
package org.mcalab.simulator;
