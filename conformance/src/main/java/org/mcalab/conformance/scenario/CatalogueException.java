package org.mcalab.conformance.scenario;

/** A catalogue file that cannot be read or breaks the schema; the message names the file and the entry. */
public final class CatalogueException extends RuntimeException {
    public CatalogueException(String message) {
        super(message);
    }

    public CatalogueException(String message, Throwable cause) {
        super(message, cause);
    }
}
