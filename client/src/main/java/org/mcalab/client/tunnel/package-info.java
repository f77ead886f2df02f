/**
 * The client's CSTP tunnel client: {@link org.mcalab.client.tunnel.TunnelClient#connect} opens TLS, sends the
 * CONNECT as openconnect 9.01 does and parses the answer case-sensitively; the returned
 * {@link org.mcalab.client.tunnel.TunnelSession} pings and UDP-echoes inside hosts (every reply checked byte for
 * byte), sends to the discard port, measures throughput, answers the gateway's DPD, sends keepalives, and logs out
 * with openconnect's BYE (0xB0 "Aborted by caller") on {@code close()} or just drops the connection on
 * {@code detach()}. No DTLS is offered (X-DTLS headers are not sent).
 */
package org.mcalab.client.tunnel;
