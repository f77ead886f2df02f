package org.mcalab.conformance.suite;

/**
 * How a refusal is compared with a {@code reject: MCA-X-N} expectation. REQUIREMENT (default) needs the
 * gateway's error to cite that id, as mcalab's reference gateway does; REFUSAL accepts any refusal, for
 * remote gateways whose errors cite no ids.
 */
public enum MatchMode { REQUIREMENT, REFUSAL }
