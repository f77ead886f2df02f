/**
 * The wire vocabulary shared by the gateway and every client, without I/O. This package holds the requirement ids
 * ({@link org.mcalab.protocol.Requirement}, docs/protocol.md §1.3) and {@link org.mcalab.protocol.Refusal}, the
 * {@code "<id>: <reason>"} value every refusal travels as (§7.1, §8.6). The config-auth XML lives in {@code xml},
 * the CSTP frame codec in {@code cstp}.
 */
package org.mcalab.protocol;
