/**
 * The tunnel data path: {@code CONNECT /CSCOSSLC/tunnel} answered by {@link org.mcalab.gateway.tunnel.CstpTunnelService}
 * (the HTTP layer's {@code TunnelService}), CSTP frames handled per tunnel, addresses leased per session from the
 * {@code ip local pool} ({@link org.mcalab.gateway.tunnel.AddressPool}), and packets carried to an
 * {@link org.mcalab.gateway.tunnel.InsideNetwork}.
 *
 * <p>Session lifecycle as the tunnel sees it (docs/protocol.md §12): a BYE with 0xB0 ends the session (cookie dead,
 * address released); an empty BYE, a lost connection or a dead DPD only detaches (address and cookie kept, the
 * reconnect gets the same address); idle timeout ({@code vpn-idle-timeout}, counted on data packets only),
 * session timeout, admin logoff and {@code vpn-simultaneous-logins} (oldest session of the user logged off, as
 * the ASA does) end it from the gateway side with an empty DISCONNECT.
 *
 * <p>Counters: per tunnel ({@code TunnelRow.counters()}) Bytes/Pkts Tx/Rx count IP packets carried in DATA
 * frames (not the CSTP header, not control frames); Rx drops are packets the inside network refused (malformed,
 * spoofed source, no route, no service) and malformed frames; Tx drops are packets for a client whose channel
 * was gone or not writable.
 *
 * <p>DTLS hook: {@link org.mcalab.gateway.tunnel.ConnectResponse#withExtra} appends {@code X-DTLS-*} headers;
 * until a DTLS service supplies them none are sent, so openconnect stays on CSTP at once.
 *
 * <p>Two inside networks: {@link org.mcalab.gateway.tunnel.VirtualInsideNetwork} (in memory, no root) and
 * {@link org.mcalab.gateway.tunnel.TunInsideNetwork} (a Linux TUN device through JNA, package {@code tun}: the
 * host's kernel, or a namespace's, is the network behind the gateway).
 */
package org.mcalab.gateway.tunnel;
