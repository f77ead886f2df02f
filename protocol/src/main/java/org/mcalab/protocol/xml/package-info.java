/**
 * Aggregate-auth config-auth documents (docs/protocol.md §5, §6, §13). {@link org.mcalab.protocol.xml.ConfigAuthParser}
 * reads either side's documents into a {@link org.mcalab.protocol.xml.ConfigAuth} safely (no DTD or entities, bounded
 * size and depth; failures are {@link org.mcalab.protocol.xml.ConfigAuthException}, MCA-ROB-1).
 * {@link org.mcalab.protocol.xml.GatewayMessages} and {@link org.mcalab.protocol.xml.ClientMessages} write the
 * documents as exact bytes, because the MCA challenge is signed byte for byte (§6.3).
 */
package org.mcalab.protocol.xml;
