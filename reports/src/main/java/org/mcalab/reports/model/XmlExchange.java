package org.mcalab.reports.model;

/**
 * One HTTP message of the aggregate-auth conversation.
 *
 * @param direction  "client->gateway" or "gateway->client"
 * @param signedBytesSha256 hex SHA-256 of the exact bytes the client signed (set on the auth-request it signed), else null
 */
public record XmlExchange(String direction, String method, String path, int httpStatus, String body, String signedBytesSha256) {}
