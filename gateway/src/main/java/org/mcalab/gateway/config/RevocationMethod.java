package org.mcalab.gateway.config;

/**
 * One method of a trustpoint's {@code revocation-check}, tried in the configured order. {@code NONE}
 * after another method means "accept when that method cannot give an answer".
 */
public enum RevocationMethod { CRL, OCSP, NONE }
