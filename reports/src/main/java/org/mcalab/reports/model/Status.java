package org.mcalab.reports.model;

/**
 * Outcome of one scenario. KNOWN_DEVIATION: failed, but listed in the baseline with a reason.
 * UNEXPECTED_PASS: listed in the baseline but passed (flagged so the baseline gets cleaned).
 */
public enum Status { PASS, FAIL, KNOWN_DEVIATION, UNEXPECTED_PASS, ERROR, SKIPPED }
