package org.mcalab.reports.model;

/**
 * Outcome of one scenario. KNOWN_DEVIATION: failed, but listed in the baseline with a reason.
 * UNEXPECTED_PASS: listed in the baseline but passed (flagged so the baseline gets cleaned).
 * BLOCKED: the exchange never reached the step the scenario tests (the URL is not served, the gateway does no MCA,
 * the well-behaved login itself is refused...), so the gateway's answer says nothing about the requirement: neither
 * PASS nor FAIL, and the requirement stays unverified.
 */
public enum Status { PASS, FAIL, KNOWN_DEVIATION, UNEXPECTED_PASS, ERROR, SKIPPED, BLOCKED }
