/**
 * The client's connection layer, as openconnect 9.01 speaks it: client TLS set up in one place
 * ({@link ClientTls} from a {@link GatewayTrust} and a {@link ClientIdentity}; docs/protocol.md §3) and HTTP/1.1 over
 * it ({@link GatewayClient} opens one {@link Connection}, with its own TLS context, per request; {@link HttpResponse}
 * keeps the exact body bytes; docs/protocol.md §4). Used by lab, conformance, load and the gateway's own tests.
 */
package org.mcalab.client;
