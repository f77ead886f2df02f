/**
 * The one CSTP client (docs/protocol.md §8, §9, §12). {@link CstpHandshaker} turns an HTTPS channel into a tunnel, as
 * Netty's WebSocketClientHandshaker does: it sends protocol's {@code ConnectRequest}, reads the answer by openconnect's
 * rule ({@code ConnectAnswer}, §8.3) and swaps the pipeline to protocol's CSTP codec; the load generator uses it on its
 * own channels. {@link TunnelClient#connect} opens TLS and runs it; the {@link TunnelSession} it returns pings and
 * UDP-echoes inside hosts (replies checked byte for byte), sends DPD and keepalives, answers the gateway's DPD, writes
 * any frame or raw bytes for probes, and ends with openconnect's BYE on {@code close()} (§12.1).
 */
package org.mcalab.client.tunnel;
