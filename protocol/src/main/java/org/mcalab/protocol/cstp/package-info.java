/**
 * The tunnel's TLS side. CONNECT (docs/protocol.md §8): {@link org.mcalab.protocol.cstp.ConnectRequest} (openconnect's
 * request), {@link org.mcalab.protocol.cstp.ConnectAnswer} (the answer, written and read by openconnect's parse rule,
 * §8.3) and {@link org.mcalab.protocol.cstp.ConnectHeaders} (every header name once). CSTP framing (§9):
 * {@link org.mcalab.protocol.cstp.CstpFrame} (header + payload; {@code bye}/{@code logout}, §12.1),
 * {@link org.mcalab.protocol.cstp.CstpPacketType} (the type codes, also used for DTLS payloads, §10.6), and the Netty
 * codec {@link org.mcalab.protocol.cstp.CstpFrameDecoder} / {@link org.mcalab.protocol.cstp.CstpFrameEncoder}. A
 * malformed frame is a {@link org.mcalab.protocol.cstp.CstpFrameException} that ends one tunnel only (MCA-ROB-2).
 * Writers must still put each frame in its own TLS record (§9.3).
 */
package org.mcalab.protocol.cstp;
