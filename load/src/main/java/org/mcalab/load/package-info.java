/**
 * Load against one gateway, bounded by duration and count: {@link LoginLoad} runs {@link LoginPlan}s of MCA logins
 * through Gatling ({@link McaLoginSimulation} in a forked JVM, {@link LoginWorker}), {@link TunnelLoad} runs
 * {@link TunnelPlan}s of CSTP or DTLS tunnels (the client's {@code CstpHandshaker} and {@code DtlsTunnelChannel},
 * docs/protocol.md §8-§10) pushing UDP to the gateway's inside hosts. {@link TargetCheck} refuses non-loopback targets
 * without {@code --allow-remote}; the gateway side's figures (CPU, heap, sessions) come from lab's
 * {@code GatewayUnderTest}; {@link LoadReport} is load.json and the report page. Used by cli's {@code load} command.
 */
package org.mcalab.load;
