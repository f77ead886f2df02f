/**
 * The session database: {@link org.mcalab.gateway.session.SessionDb} opens a
 * {@link org.mcalab.gateway.session.Session} only after a complete login and hands out its {@code webvpn} token once
 * (docs/protocol.md §8.1, MCA-FLOW-7); sessions hold their {@link org.mcalab.gateway.session.Login}, tunnels
 * ({@link org.mcalab.gateway.session.TunnelRow}) and {@link org.mcalab.gateway.session.Counters}; a CONNECT's session
 * passes the {@link org.mcalab.gateway.session.ConnectCheck}s (the certificate binding).
 * {@link org.mcalab.gateway.session.SessionView} renders them as the seed's {@code show vpn-sessiondb [detail]
 * anyconnect} (§1.2, MCA-SES-2) and as JSON for the admin endpoint.
 */
package org.mcalab.gateway.session;
