/**
 * Runs the catalogue against a {@code lab.Target}: a preflight first (TLS, aggregate-auth, a second certificate asked
 * for, a well-behaved login), then {@link SuiteRunner} judges each scenario's observation against its expectation
 * under a {@link MatchMode} and a {@link Baseline}, and logs out every session it opened (docs/protocol.md §12.1).
 * {@link SuiteOptions} and {@link SuiteSetupException} (exit 2) are what cli's {@code suite} command sees.
 */
package org.mcalab.conformance.suite;
