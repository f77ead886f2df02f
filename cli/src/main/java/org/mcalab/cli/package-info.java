/**
 * The {@code mcalab} command ({@link Main}, picocli): {@code pki}, {@code gateway}, {@code show}, {@code debug},
 * {@code clear}, {@code suite}, {@code load} and {@code soak}. Commands parse options and wire the other modules
 * together; {@link UsageException} is a one-line message and exit 2. {@code show}, {@code debug} and {@code clear}
 * talk to a running gateway's loopback admin endpoint with its token file.
 */
package org.mcalab.cli;
