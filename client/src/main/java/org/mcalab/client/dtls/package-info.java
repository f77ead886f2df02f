/**
 * The client's DTLS data channel (docs/protocol.md §10): {@link DtlsClientParameters#fromAnswer} takes the legacy
 * DTLS session the gateway announced in its CONNECT answer (§10.4), and {@link DtlsTunnelChannel} resumes it on
 * BouncyCastle, as openconnect does, and carries 1-byte typed frames (§10.6). Used by the conformance DTLS probe and
 * the load generator's DTLS tunnels.
 */
package org.mcalab.client.dtls;
