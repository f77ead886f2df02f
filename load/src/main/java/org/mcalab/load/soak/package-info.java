/**
 * The soak (MCA-ROB-3): {@link Soak} churns MCA logins, CSTP tunnels, logouts and conformance's bad clients at a fixed
 * rate ({@link SoakOptions}), then checks the gateway is back where it started: no session, no pending auth-info,
 * every pool address leasable, heap after GC within bounds ({@link SoakFigures}). The gateway's tables and heap are read
 * through lab's {@code GatewayUnderTest}. Used by cli's {@code soak} command.
 */
package org.mcalab.load.soak;
