/**
 * The lab around a gateway under test. {@link org.mcalab.lab.GatewayUnderTest} is the one view the suite, the probes,
 * the load runs and the soak have of a gateway: its URL and PKI, and as optional capabilities its clock, trace,
 * session database, pending auth-infos, trustpoints, pool size, CPU, heap and inside counters. Implementations:
 * {@link org.mcalab.lab.EmbeddedGateway} (the reference gateway in this JVM, on a {@link org.mcalab.lab.MintedLab},
 * adapted by typed {@link org.mcalab.lab.ConfigEdit}s), {@link org.mcalab.lab.ForkedGateway} (the same in a child JVM,
 * read over its admin endpoint, {@link org.mcalab.lab.AdminEndpoint}) and {@link org.mcalab.lab.GatewayUnderTest#foreign}.
 * {@link org.mcalab.lab.Target} adds how a client trusts the gateway and the registered
 * {@link org.mcalab.lab.TunnelProbe}s. The CRL server and the lab clock live in fixtures (the gateway's own tests use
 * them too).
 */
package org.mcalab.lab;
