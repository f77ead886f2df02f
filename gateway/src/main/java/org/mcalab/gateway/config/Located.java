package org.mcalab.gateway.config;

/** A parsed value and the line it came from, kept until cross-references are checked. */
record Located<T>(T value, Line line) {
}
