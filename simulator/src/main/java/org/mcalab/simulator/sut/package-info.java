/**
 * The system under test as the suite sees it: its URL and trust ({@link org.mcalab.simulator.sut.Target}),
 * what only an embedded gateway offers ({@link org.mcalab.simulator.sut.GatewayControl}), and the tunnel
 * probes that may be registered ({@link org.mcalab.simulator.sut.TunnelProbe}).
 */
package org.mcalab.simulator.sut;
