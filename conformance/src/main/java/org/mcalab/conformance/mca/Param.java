package org.mcalab.conformance.mca;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mcalab.protocol.Requirement;

/**
 * One parameter a mutation or check declares: its key in a scenario's {@code params}, what its value must be, and the
 * value it takes when the scenario leaves it out. The default is stated here, in the declaration, and the catalogue
 * refuses a key no declaration names, so a misspelled key fails loading instead of quietly testing the default
 * (scenarios/README.md, "Mutations").
 *
 * @param kind what the value must be, in words for error messages and the README table
 */
public record Param<T>(String key, String kind, T fallback, Reader<T> reader, String doc) {

    /** Reads one YAML value (String, Integer, List...) or throws IllegalArgumentException saying what was expected. */
    public interface Reader<T> {
        T read(Object yaml);
    }

    /** Reads a scenario's value; the message of the IllegalArgumentException says what a value must be. */
    public T read(Object yaml) {
        return reader.read(yaml);
    }

    public static Param<String> text(String key, String fallback, String doc) {
        return new Param<>(key, "text", fallback, v -> {
            if (v instanceof String s) {
                return s;
            }
            throw wrong("text", v);
        }, doc);
    }

    /** A whole number, 0 or more. */
    public static Param<Integer> count(String key, int fallback, String doc) {
        return new Param<>(key, "a whole number", fallback, v -> {
            if (v instanceof Integer i && i >= 0) {
                return i;
            }
            throw wrong("a whole number", v);
        }, doc);
    }

    public static Param<Duration> seconds(String key, long fallback, String doc) {
        return new Param<>(key, "whole seconds", Duration.ofSeconds(fallback), v -> {
            if (v instanceof Integer i && i >= 0) {
                return Duration.ofSeconds(i);
            }
            throw wrong("whole seconds", v);
        }, doc);
    }

    /** One word out of {@code allowed}. */
    public static Param<String> oneOf(String key, String fallback, Set<String> allowed, String doc) {
        String kind = "one of " + allowed.stream().sorted().toList();
        return new Param<>(key, kind, fallback, v -> {
            if (v instanceof String s && allowed.contains(s)) {
                return s;
            }
            throw wrong(kind, v);
        }, doc);
    }

    /** A YAML list of words out of {@code allowed}, e.g. {@code [username, sessiondb]}. */
    public static Param<List<String>> listOf(String key, List<String> fallback, Set<String> allowed, String doc) {
        String kind = "a list of " + allowed.stream().sorted().toList();
        return new Param<>(key, kind, List.copyOf(fallback), v -> {
            if (!(v instanceof List<?> list) || list.isEmpty()) {
                throw wrong(kind, v);
            }
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String s) || !allowed.contains(s)) {
                    throw wrong(kind, item);
                }
                out.add(s);
            }
            return List.copyOf(out);
        }, doc);
    }

    /** A requirement id of the catalogue ({@link Requirement}); absent means none. */
    public static Param<Requirement> requirement(String key, String doc) {
        return new Param<>(key, "a requirement id", null, v -> {
            if (v instanceof String s) {
                return Requirement.fromId(s);
            }
            throw wrong("a requirement id", v);
        }, doc);
    }

    private static IllegalArgumentException wrong(String kind, Object v) {
        String got = v == null ? "nothing" : v instanceof String s ? "the text '" + s + "'"
                : v instanceof List<?> ? "a list " + v : v instanceof java.util.Map<?, ?> ? "a map " + v : "'" + v + "'";
        return new IllegalArgumentException("expected " + kind + ", got " + got);
    }
}
