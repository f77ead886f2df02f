/**
 * Abuse probes (MCA-ROB-1, MCA-ROB-3): {@link RobustnessProbes} sends hostile XML, oversize bodies, endless headers,
 * slowloris, half handshakes, abandoned auths, an init flood and made-up cookies, then a well-behaved login to show the gateway still
 * serves (the suite's {@code --robustness} section). {@link BadInput} lists the bad clients load's soak injects,
 * each with the refusal it must get.
 */
package org.mcalab.conformance.robustness;
