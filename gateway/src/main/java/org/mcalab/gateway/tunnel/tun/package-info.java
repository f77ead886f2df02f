/**
 * A Linux TUN device as the network behind the gateway (used by {@code tunnel.TunInsideNetwork}):
 * {@link org.mcalab.gateway.tunnel.tun.TunDevice} reads and writes one IP packet per call through JNA,
 * {@link org.mcalab.gateway.tunnel.tun.TunSetup} configures it with iproute2 (address, link up, optionally inside a
 * network namespace), and {@link org.mcalab.gateway.tunnel.tun.TunException} says what the operator can fix when it
 * cannot be created. Needs root or CAP_NET_ADMIN; the in-memory inside network needs none.
 */
package org.mcalab.gateway.tunnel.tun;
