package org.mcalab.cli;

import java.net.URI;
import org.mcalab.fixtures.Manifest;
import org.mcalab.load.GatewayProbe;

/** A gateway a load command started for itself (in this JVM or as a child process), with the PKI it trusts. */
interface LoadTarget extends GatewayProbe, AutoCloseable {
    URI url();

    Manifest pki();

    /** Said once in the report's notes: where the gateway ran. */
    String where();

    @Override
    void close();
}
