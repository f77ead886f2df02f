/**
 * The one CSTP client. {@link org.mcalab.client.tunnel.CstpHandshaker} turns any HTTPS channel into a tunnel: it sends
 * protocol's {@code ConnectRequest}, reads the answer by openconnect's rule ({@code ConnectAnswer}, docs/protocol.md
 * §8.3), refuses what openconnect refuses and swaps the pipeline to protocol's CSTP codec; the load generator uses it
 * on its own channels. {@link org.mcalab.client.tunnel.TunnelClient#connect} opens TLS and runs it; the returned
 * {@link org.mcalab.client.tunnel.TunnelSession} pings and UDP-echoes inside hosts (every reply checked byte for
 * byte), sends to the discard port, measures throughput, sends DPD requests with any payload, answers the gateway's
 * DPD, sends keepalives, puts any frame or raw bytes on the wire for probes, and logs out with openconnect's BYE
 * (0xB0 "Aborted by caller") on {@code close()} or just drops the connection on {@code detach()}. DTLS is offered only
 * when the configuration asks ({@code Config.withDtls}).
 */
package org.mcalab.client.tunnel;
