package org.mcalab.client;

/** What one TLS handshake negotiated, and whether the client presented a certificate in it. */
public record TlsDetails(String protocol, String cipherSuite, boolean clientCertificateSent) {}
