package org.mcalab.reports;

import java.io.IOException;

/** A results.json that this version cannot read: not JSON, not a run, or a newer schemaVersion. */
public final class ResultsFormatException extends IOException {
    public ResultsFormatException(String message) {
        super(message);
    }

    public ResultsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
