/**
 * The suite's tunnel probe, {@link CstpProbe} (a {@code lab.TunnelProbe} registered through {@code META-INF/services}):
 * after a scenario's MCA login it opens tunnels with the client's {@code TunnelClient} and checks CSTP traffic, DPD
 * and keepalives (MCA-SES-3; docs/protocol.md §9, §11.1), DTLS and the fallback to CSTP (MCA-SES-4; §10) and that a
 * malformed frame closes only its own tunnel (MCA-ROB-2; §9.1). Counters are compared with the gateway's when the
 * target offers a session view.
 */
package org.mcalab.conformance.probe;
