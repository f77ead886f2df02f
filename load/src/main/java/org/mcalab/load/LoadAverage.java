package org.mcalab.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The machine's 1-minute load average ({@code /proc/loadavg}), kept beside a figure: on a shared 2-core machine a
 * heap or CPU figure means little without it.
 */
final class LoadAverage {
    private LoadAverage() {}

    static OptionalDouble now() {
        try {
            return parse(Files.readString(Path.of("/proc/loadavg")));
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    static OptionalDouble parse(String loadavg) {
        String[] f = loadavg.trim().split(" +");
        try {
            return f.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(f[0]));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
