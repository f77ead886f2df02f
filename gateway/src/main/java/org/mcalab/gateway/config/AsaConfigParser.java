package org.mcalab.gateway.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ASA running-config into an {@link AsaConfig}.
 *
 * <p>Lines are matched to configuration modes. A line belongs to the innermost open mode that knows it
 * as a sub-command; a top-level command ends the open modes. When the file is indented the way the ASA
 * prints it (sub-commands one space in), an unindented line is always top level and an indented one never
 * is. When it is not (the seed document lost its indentation), the keywords alone decide.
 *
 * <p>A line nobody knows becomes a {@link ParseWarning} with its number; a known command that is
 * malformed, or a reference to something never defined, throws {@link AsaConfigException}.
 */
public final class AsaConfigParser {

    private AsaConfigParser() {
    }

    /**
     * Parses a config file: a regular UTF-8 text file of at most 4 MiB.
     *
     * @throws java.nio.file.NoSuchFileException when it does not exist
     * @throws ConfigFileException when it is not a regular file, too large, unreadable or not text (whole message)
     */
    public static AsaConfig parse(Path file) throws IOException {
        return parse(ConfigFile.read(file));
    }

    public static AsaConfig parse(String text) {
        return new Run(text).parse();
    }

    /** One parse: the mode stack and what it builds. */
    private static final class Run implements Mode.Modes {
        private final String[] lines;
        private final boolean indentedFile;
        private final ConfigBuilder config = new ConfigBuilder();
        private final List<Mode> stack = new ArrayList<>();
        private Line previous;

        Run(String text) {
            this.lines = text.split("\r\n|\r|\n", -1);
            this.indentedFile = java.util.Arrays.stream(lines)
                    .anyMatch(l -> !l.isBlank() && Character.isWhitespace(l.charAt(0)) && !isComment(l.strip()));
            stack.add(new TopLevelMode(config));
        }

        AsaConfig parse() {
            for (int i = 0; i < lines.length; i++) {
                String raw = lines[i];
                if (raw.isBlank() || isComment(raw.strip())) {
                    continue;
                }
                Line line = Line.of(i + 1, raw);
                dispatch(line);
                previous = line;
            }
            while (stack.size() > 1) {
                exit();
            }
            return config.build();
        }

        private void dispatch(Line line) {
            if (line.size() == 1 && line.is(0, "exit") && stack.size() > 1) {
                exit();
                return;
            }
            int lowest = 0;
            if (indentedFile && !line.indented()) {
                popTo(0);
            } else if (indentedFile && stack.size() > 1) {
                lowest = 1; // an indented line is a sub-command, never a top-level command
            }
            for (int k = stack.size() - 1; k >= lowest; k--) {
                if (stack.get(k).accepts(line)) {
                    popTo(k);
                    stack.get(k).apply(line, this);
                    return;
                }
            }
            Mode innermost = stack.get(stack.size() - 1);
            boolean subCommand = indentedFile && line.indented() && stack.size() > 1;
            String message = subCommand && !(innermost instanceof CertificateHexMode)
                    ? "unsupported sub-command of '" + innermost.describe() + "'; ignored"
                    : innermost.unknownLineMessage();
            config.warn(line, message + continuationHint());
            if (indentedFile && stack.size() == 1) {
                // Its indented sub-commands follow; they are reported as part of this unknown command.
                stack.add(new UnsupportedMode(line.text(), true, config));
            }
        }

        /** The seed document wraps a long nat line after "obj-"; say so rather than only "unknown". */
        private String continuationHint() {
            if (previous != null && previous.text().endsWith("-")) {
                return " (line " + previous.number() + " ends with '-': this may be its continuation, wrapped by a document)";
            }
            return "";
        }

        private void popTo(int depth) {
            while (stack.size() > depth + 1) {
                exit();
            }
        }

        @Override
        public void push(Mode mode) {
            stack.add(mode);
        }

        @Override
        public void exit() {
            if (stack.size() > 1) {
                stack.remove(stack.size() - 1).close();
            }
        }

        @Override
        public void pushUnsupported(Line line, String what) {
            if (indentedFile) {
                config.warn(line, "'" + what + "' is not modelled; it and its sub-commands are ignored");
            } else {
                config.warn(line, "'" + what + "' is not modelled; ignored");
            }
            stack.add(new UnsupportedMode(what, indentedFile, config));
        }

        @Override
        public void pushUnsupportedSubMode(String what) {
            stack.add(new UnsupportedMode(what, indentedFile, config));
        }

        /** "!" starts a comment in a running-config; ":" lines are the header ASA writes (": Saved"). */
        private static boolean isComment(String stripped) {
            return stripped.startsWith("!") || stripped.startsWith(":");
        }
    }
}
