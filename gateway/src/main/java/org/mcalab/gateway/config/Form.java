package org.mcalab.gateway.config;

import java.net.Inet4Address;

/**
 * A known command and the form it must have; {@link #fail} makes the error a malformed line gets.
 *
 * @param command  the command's keywords, e.g. {@code ip local pool}
 * @param expected the expected form, e.g. {@code ip local pool NAME FIRST-LAST mask MASK}
 */
record Form(String command, String expected) {

    AsaConfigException fail(Line line) {
        return fail(line, null);
    }

    AsaConfigException fail(Line line, String detail) {
        return AsaConfigException.malformed(line.number(), line.text(), command, expected, detail);
    }

    /** Word i as a decimal in [min, max]. */
    int number(Line line, int i, int min, int max) {
        String w = line.word(i);
        if (w.isEmpty() || w.length() > 10 || !w.chars().allMatch(Character::isDigit)) {
            throw fail(line, w.isEmpty() ? "number missing" : "'" + w + "' is not a number");
        }
        long value = Long.parseLong(w);
        if (value < min || value > max) {
            throw fail(line, w + " is outside " + min + ".." + max);
        }
        return (int) value;
    }

    /** Word i as a dotted-quad IPv4 address. */
    Inet4Address address(Line line, int i) {
        return address(line, line.word(i));
    }

    Inet4Address address(Line line, String word) {
        return Ipv4.parse(word).orElseThrow(() -> fail(line, word.isEmpty() ? "address missing"
                : "'" + word + "' is not an IPv4 address"));
    }

    /** Word i as a netmask with contiguous ones. */
    Inet4Address mask(Line line, int i) {
        Inet4Address mask = address(line, i);
        if (!Ipv4.isContiguousMask(mask)) {
            throw fail(line, mask.getHostAddress() + " is not a contiguous netmask");
        }
        return mask;
    }

    void size(Line line, int min, int max) {
        if (line.size() < min || line.size() > max) {
            throw fail(line, line.size() < min ? "too few words" : "unexpected '" + line.word(max) + "'");
        }
    }

    void size(Line line, int exactly) {
        size(line, exactly, exactly);
    }
}
