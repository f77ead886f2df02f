package org.mcalab.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A configuration mode (top level, {@code interface}, {@code group-policy X attributes}, ...): the commands
 * it knows, by their leading keywords. A line belongs to the innermost mode on the stack that knows it.
 */
abstract class Mode {

    @FunctionalInterface
    interface Handler {
        void handle(Line line, Modes modes);
    }

    /** What a handler can do to the mode stack. */
    interface Modes {
        void push(Mode mode);

        /** Leave the current mode (its {@link #close} runs). */
        void exit();

        /** Enter a mode this parser does not model, with a warning for it: its sub-commands become warnings too. */
        void pushUnsupported(Line line, String what);

        /** As {@link #pushUnsupported}, but the command itself was used, so only its sub-commands are reported. */
        void pushUnsupportedSubMode(String what);
    }

    private record Command(List<String> keywords, Handler handler) {
    }

    private final List<Command> commands = new ArrayList<>();

    /** Registers a command by its leading keywords ("ip local pool"); the longest match wins. */
    protected final void on(String keywords, Handler handler) {
        commands.add(new Command(List.of(keywords.toLowerCase(Locale.ROOT).split(" ")), handler));
    }

    /** How the mode is shown in warnings, e.g. {@code interface GigabitEthernet0/0}. */
    abstract String describe();

    boolean accepts(Line line) {
        return find(line) != null;
    }

    void apply(Line line, Modes modes) {
        find(line).handler().handle(line, modes);
    }

    /** Runs when the mode is left, explicitly or because a line of an outer mode came. */
    void close() {
    }

    /** Warning for a line no mode on the stack knows, while this mode is the innermost. */
    String unknownLineMessage() {
        return "unknown command (not a known sub-command of '" + describe() + "' either); ignored";
    }

    private Command find(Line line) {
        Command best = null;
        for (Command c : commands) {
            if (matches(c.keywords(), line) && (best == null || c.keywords().size() > best.keywords().size())) {
                best = c;
            }
        }
        return best;
    }

    private static boolean matches(List<String> keywords, Line line) {
        for (int i = 0; i < keywords.size(); i++) {
            if (!line.is(i, keywords.get(i))) {
                return false;
            }
        }
        return true;
    }
}
