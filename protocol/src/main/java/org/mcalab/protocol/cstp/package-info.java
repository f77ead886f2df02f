/**
 * CSTP framing (docs/protocol.md §9): {@link org.mcalab.protocol.cstp.CstpFrame} (header + payload),
 * {@link org.mcalab.protocol.cstp.CstpPacketType} (the type codes, also used for DTLS payloads, §10.6), and the Netty
 * codec {@link org.mcalab.protocol.cstp.CstpFrameDecoder} / {@link org.mcalab.protocol.cstp.CstpFrameEncoder}. A
 * malformed frame is a {@link org.mcalab.protocol.cstp.CstpFrameException} that ends one tunnel only (MCA-ROB-2).
 * Writers must still put each frame in its own TLS record (§9.3).
 */
package org.mcalab.protocol.cstp;
