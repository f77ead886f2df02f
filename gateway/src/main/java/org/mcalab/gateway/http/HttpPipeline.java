package org.mcalab.gateway.http;

import java.util.List;

/**
 * The names of the handlers {@code Gateway} puts on every connection. They live in the http package because
 * the tunnel service must remove the HTTP ones when a CONNECT succeeds (see {@link TunnelService}); keeping them
 * here lets the tunnel package depend on http without reaching back into the root {@code Gateway} class.
 */
public final class HttpPipeline {
    public static final String TLS = "tls";
    public static final String HANDSHAKE = "handshake";
    public static final String HTTP_CODEC = "http-codec";
    public static final String TIMEOUTS = "timeouts";
    public static final String AGGREGATOR = "aggregator";
    public static final String HTTP = "http";

    /** What a tunnel removes from the pipeline before it installs its own codec, in pipeline order. */
    public static final List<String> HTTP_HANDLERS = List.of(HTTP_CODEC, TIMEOUTS, AGGREGATOR, HTTP);

    private HttpPipeline() {}
}
