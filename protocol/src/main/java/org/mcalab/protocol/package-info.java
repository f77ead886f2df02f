/**
 * The wire vocabulary shared by the gateway and every client, without I/O. This package holds the requirement ids
 * ({@link org.mcalab.protocol.Requirement}, docs/protocol.md §1.3) and {@link org.mcalab.protocol.Refusal}, the
 * {@code "<id>: <reason>"} value every refusal travels as (§7.1, §8.6), and {@link org.mcalab.protocol.ClientProfile},
 * the User-Agent and fixed aggregate-auth headers of openconnect and AnyConnect (§4.1). The config-auth XML lives in
 * {@code xml}, CONNECT and CSTP frames in {@code cstp}, the DTLS names in {@code dtls}.
 */
package org.mcalab.protocol;
