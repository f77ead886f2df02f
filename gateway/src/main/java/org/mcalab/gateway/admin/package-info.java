/**
 * The loopback admin endpoint ({@link org.mcalab.gateway.admin.AdminServer}): sessions, {@code show crypto ca
 * certificate} ({@link org.mcalab.gateway.admin.CryptoCaView}, MCA-SES-5), the trace, debug switches, logoff,
 * local-user lockout, the virtual inside network's counters and the heap after GC
 * ({@link org.mcalab.gateway.admin.HeapGauge}, what a soak or load run compares), behind a per-start token. {@link org.mcalab.gateway.admin.AdminTokenFile} is where a running
 * gateway leaves that token for the local CLI. The routes and the exposure rules are in AdminServer's comment.
 */
package org.mcalab.gateway.admin;
