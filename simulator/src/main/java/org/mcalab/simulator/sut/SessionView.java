package org.mcalab.simulator.sut;

/**
 * What the gateway's session database says about one session, as a conformance check reads it
 * (MCA-FLOW-6, MCA-SES-1, MCA-SES-2).
 *
 * @param detailView the {@code show vpn-sessiondb detail anyconnect} rendering of the session
 */
public record SessionView(String username, String tunnelGroup, String groupPolicy, String assignedIp, String authMode,
                          String detailView) {}
