package org.mcalab.gateway.session;

import java.time.Duration;
import java.util.Optional;

/**
 * What a successful authentication establishes about a session; fixed for its lifetime.
 *
 * @param publicIp          the client's address on the login connection
 * @param tcpSrcPort        client port of the connection that completed the login
 * @param tcpDstPort        gateway port
 * @param clientOs          from the init's {@code device-id} ("linux-64", "win")
 * @param clientVersion     the User-Agent, else the init's {@code version} element
 * @param firstCertSubject  subject of the TLS (first) certificate, or null
 * @param secondCertSubject subject of the aggregate-auth (second) certificate, or null
 * @param idleTimeout       from the group policy; empty for none
 */
public record Login(String username, String tunnelGroup, String groupPolicy, String publicIp, int tcpSrcPort,
                    int tcpDstPort, AuthMode authMode, String clientOs, String clientVersion, String tlsProtocol,
                    String cipherSuite, String firstCertSubject, String secondCertSubject,
                    Optional<Duration> idleTimeout) {}
