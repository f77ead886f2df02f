/**
 * The lab around a gateway under test. {@link GatewayUnderTest} is the one view the suite, probes, load and soak have
 * of a gateway: URL and PKI, then optional clock, trace, sessions (+ logoff), pending auths, trustpoints, pool, CPU,
 * heap and inside counters. {@link EmbeddedGateway} (this JVM, on a {@link MintedLab}, typed {@link ConfigEdit}s)
 * offers all, {@link ForkedGateway} (a child JVM, read over its {@link AdminEndpoint}) what the admin endpoint serves,
 * {@link GatewayUnderTest#foreign} none. {@link Target} adds the client's trust and the {@link TunnelProbe}s;
 * {@link LaxChecks} builds the lab-only lax gateway (never in the production verifier). CRL server and clock: fixtures.
 */
package org.mcalab.lab;
