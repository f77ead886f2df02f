/**
 * DTLS beside the CSTP tunnel (docs/protocol.md §10), on BouncyCastle. At CONNECT,
 * {@link org.mcalab.gateway.dtls.DtlsNegotiator} reads the client's {@link org.mcalab.protocol.dtls.DtlsOffer} and picks
 * PSK-NEGOTIATE (key from {@link org.mcalab.gateway.dtls.PskExporter}, §10.3) or a legacy resumption (§10.4), writing
 * the {@code X-DTLS-*} headers; {@link org.mcalab.gateway.dtls.DtlsServer} demultiplexes the UDP socket by ClientHello
 * session id (§10.5) into one {@link org.mcalab.gateway.dtls.DtlsChannel} per session. The tunnel sees only
 * {@link org.mcalab.gateway.dtls.DtlsEndpoint} (where DTLS lives, or disabled) and one
 * {@link org.mcalab.gateway.dtls.DtlsLink} per CONNECT (headers, downstream choice, fallback to CSTP, §9.4, §10.7).
 */
package org.mcalab.gateway.dtls;
