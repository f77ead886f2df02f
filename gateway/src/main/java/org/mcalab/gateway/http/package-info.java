/**
 * The HTTPS front end's Netty handlers (docs/protocol.md §4): {@link org.mcalab.gateway.http.GatewayHttpHandler}
 * routes POSTs to aggregate auth, {@code GET}s to the refusal note (§7.3) and {@code CONNECT /CSCOSSLC/tunnel} to the
 * cookie check (§8.1, §8.6) and then the {@link org.mcalab.gateway.http.TunnelService}.
 * {@link org.mcalab.gateway.http.HandshakeRecorder} keeps what the TLS handshake established (§3.2),
 * {@link org.mcalab.gateway.http.AcceptAnyClientCertificate} defers certificate checks to the application, and
 * {@link org.mcalab.gateway.http.BodyLimit} / {@link org.mcalab.gateway.http.RequestTimeouts} bound what a client can
 * cost (MCA-ROB-1, MCA-ROB-3). Only {@code Gateway} assembles them.
 */
package org.mcalab.gateway.http;
