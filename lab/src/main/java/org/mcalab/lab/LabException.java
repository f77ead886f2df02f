package org.mcalab.lab;

/** The lab could not be set up (no free port, a minted file missing, a gateway that would not start): the CLI
 * prints it as one line and exits 2. */
public final class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
