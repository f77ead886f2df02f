/**
 * The run model every writer renders: {@link org.mcalab.reports.model.Run} with its
 * {@link org.mcalab.reports.model.ScenarioResult}s ({@link org.mcalab.reports.model.Status}, evidence: XML exchanges,
 * TLS facts, certificates, trace lines), the preflight, robustness and load sections, and the overall
 * {@link org.mcalab.reports.model.Verdict}. Plain records, null-tolerant; their JSON form is documented in
 * reports/README.md ("results.json").
 */
package org.mcalab.reports.model;
