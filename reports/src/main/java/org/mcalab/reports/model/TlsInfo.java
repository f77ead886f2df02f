package org.mcalab.reports.model;

public record TlsInfo(String protocol, String cipherSuite) {}
