/**
 * DTLS beside CSTP, the names only (docs/protocol.md §10): {@link org.mcalab.protocol.dtls.DtlsSuite}, the suite
 * table the gateway chooses from and the client resumes with, and {@link org.mcalab.protocol.dtls.DtlsOffer}, the
 * {@code X-DTLS-*} part of a CONNECT request. The DTLS engines live in the gateway and the client.
 */
package org.mcalab.protocol.dtls;
