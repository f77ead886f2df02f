/**
 * The suite's tunnel probe ({@link org.mcalab.conformance.probe.CstpProbe}, registered through
 * {@code META-INF/services}): CSTP traffic, DPD and keepalives (MCA-SES-3), DTLS and the fallback to CSTP
 * (MCA-SES-4), malformed frames that must close only their own tunnel (MCA-ROB-2). Well-behaved traffic goes
 * through {@code tunnel.TunnelClient}; what it never sends (a DTLS offer, DPD payloads, bad frames) through a
 * hand-written CSTP link.
 */
package org.mcalab.conformance.probe;
