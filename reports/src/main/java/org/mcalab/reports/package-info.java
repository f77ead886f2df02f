/**
 * Writes one conformance run as {@code results.json}, {@code junit.xml} and {@code report.html}, and reads
 * {@code results.json} back. Public API: {@link org.mcalab.reports.ReportWriter} (all three files, each written
 * atomically; returns {@link org.mcalab.reports.ReportFiles}), {@link org.mcalab.reports.ResultsJson} (JSON both ways,
 * {@link org.mcalab.reports.ResultsFormatException} on bad input) and {@link org.mcalab.reports.RequirementCoverage}
 * (the requirement matrix JUnit and HTML share). The run itself is the {@code model} package; see reports/README.md.
 */
package org.mcalab.reports;
