package org.mcalab.reports.model;

import java.util.List;
import java.util.Map;

/**
 * A load run (logins or tunnel).
 *
 * @param summary  named figures, e.g. "logins_per_s" -> 412.0, "goodput_mbit_s" -> 4100.0
 * @param series   time series for charts: name -> points (second, value)
 * @param latencyPercentilesMillis e.g. "p50" -> 1.2
 */
public record LoadSection(String kind, String command, Map<String, Double> summary,
                          Map<String, List<double[]>> series, Map<String, Double> latencyPercentilesMillis) {}
