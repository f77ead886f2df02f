/**
 * What a scenario's client does and what is seen of the gateway (docs/protocol.md §5-§8): a {@link Behaviour} is a
 * {@link Mutation} (one change to the exchange, through the client's {@code McaLogin.Hook}) or a {@link Check};
 * each declares its typed {@link Param}s and {@link PostCheck}s. An {@link Attempt} runs it over the client, the
 * {@link Transcript} records the wire for the report's evidence, and the result is an {@link Observation} with the
 * {@link Step} reached. Public for the runner and for load's soak.
 */
package org.mcalab.conformance.mca;
