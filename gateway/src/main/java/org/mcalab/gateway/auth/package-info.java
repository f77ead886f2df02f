/**
 * Aggregate auth without I/O (docs/protocol.md §5-§7): {@link org.mcalab.gateway.auth.AggregateAuth} turns one
 * config-auth body ({@link org.mcalab.gateway.auth.AuthRequest}) into one answer
 * ({@link org.mcalab.gateway.auth.AuthResponse}); pending challenges wait in the
 * {@link org.mcalab.gateway.auth.AuthInfoTable} by {@code aggauth-handle} (§6.2, §11.4); an MCA answer is decided by
 * {@link org.mcalab.gateway.auth.McaVerifier} under a {@link org.mcalab.gateway.auth.McaPolicy} (check order: §6.7),
 * giving a {@link org.mcalab.gateway.auth.McaOutcome}; its checks are the named {@link org.mcalab.gateway.auth.ReplyCheck}s.
 * Every refusal carries its requirement id.
 */
package org.mcalab.gateway.auth;
