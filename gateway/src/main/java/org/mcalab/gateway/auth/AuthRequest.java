package org.mcalab.gateway.auth;

/**
 * One aggregate-auth POST, as the HTTP layer hands it over.
 *
 * @param path      request path without the query (the group-url path, or "/")
 * @param host      the Host header, or null
 * @param userAgent the User-Agent header, or null
 */
public record AuthRequest(String path, String host, String userAgent, byte[] body, ClientConnection connection) {}
