package org.mcalab.gateway.config;

/**
 * A mode this parser does not model (an unknown command with indented sub-commands, {@code crl configure},
 * {@code tunnel-group X ipsec-attributes}, ...). In an indented file it takes every indented line below it,
 * each with a warning; in an unindented file it cannot tell its lines from others and takes none.
 */
final class UnsupportedMode extends Mode {
    private final String what;
    private final boolean absorbs;
    private final ConfigBuilder config;

    UnsupportedMode(String what, boolean absorbs, ConfigBuilder config) {
        this.what = what;
        this.absorbs = absorbs;
        this.config = config;
    }

    @Override
    boolean accepts(Line line) {
        return absorbs;
    }

    @Override
    void apply(Line line, Modes modes) {
        config.warn(line, "sub-command of '" + what + "', which is not modelled; ignored");
    }

    @Override
    String describe() {
        return what;
    }
}
