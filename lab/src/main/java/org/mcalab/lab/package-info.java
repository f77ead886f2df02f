/**
 * The system under test as the suite sees it: its URL and trust ({@link org.mcalab.lab.Target}),
 * what only an embedded gateway offers ({@link org.mcalab.lab.GatewayControl}), and the tunnel
 * probes that may be registered ({@link org.mcalab.lab.TunnelProbe}).
 */
package org.mcalab.lab;
