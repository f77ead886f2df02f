package org.mcalab.load;

/**
 * A load run that cannot start: a non-loopback target without {@code --allow-remote}, an unreachable target,
 * missing identities. The CLI prints the message and exits 2; nothing was sent to the target.
 */
public final class LoadSetupException extends RuntimeException {
    public LoadSetupException(String message) {
        super(message);
    }

    public LoadSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
