package org.mcalab.conformance.scenario;

/** How strongly a requirement or scenario binds (RFC 2119 words). */
public enum Level { MUST, SHOULD }
