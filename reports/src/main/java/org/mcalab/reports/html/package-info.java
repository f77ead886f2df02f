/**
 * report.html: {@link org.mcalab.reports.html.ReportViewBuilder} turns a run into a
 * {@link org.mcalab.reports.html.ReportView} (already worded, ordered and escaped), which the jte templates in
 * {@code src/main/jte} print; {@link org.mcalab.reports.html.HtmlReport} renders the page. Charts are inline SVG and
 * every number is formatted locale-independently, so the same run always gives the same bytes. Other modules go
 * through {@code ReportWriter}; {@code HtmlReport.render} gives the page as a string.
 */
package org.mcalab.reports.html;
