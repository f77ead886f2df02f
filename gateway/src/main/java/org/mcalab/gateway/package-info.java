/**
 * The reference gateway's entry point. Public API: {@link org.mcalab.gateway.Gateway#start} with
 * {@link org.mcalab.gateway.GatewayOptions} (config, {@link org.mcalab.gateway.ServerIdentity}, listen address,
 * {@link org.mcalab.gateway.TlsEngine}, timers, DTLS switch) returns a {@link org.mcalab.gateway.RunningGateway};
 * a start that cannot succeed throws {@link org.mcalab.gateway.GatewayException} with a one-line message.
 * {@link org.mcalab.gateway.GatewayChecks} lists the requirement checks it runs (all of them unless a lab says otherwise).
 * {@code Gateway} is the only class that builds Netty pipelines and wires the sub-packages together; TLS set-up
 * follows docs/protocol.md §3. See gateway/README.md.
 */
package org.mcalab.gateway;
