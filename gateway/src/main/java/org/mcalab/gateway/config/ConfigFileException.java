package org.mcalab.gateway.config;

import java.io.IOException;

/** A config file the parser will not read (not a regular file, too large, unreadable, not text); the message is whole. */
public final class ConfigFileException extends IOException {
    ConfigFileException(String message) {
        super(message);
    }
}
