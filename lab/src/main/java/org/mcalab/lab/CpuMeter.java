package org.mcalab.lab;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * CPU time consumed so far by the gateway, from Linux {@code /proc} (utime + stime, in clock ticks of 10 ms: the
 * kernel's USER_HZ is 100 on every Linux ABI this runs on). Sampled before and after a run; the delta over the wall
 * time is the gateway's CPU use in percent of one core.
 */
@FunctionalInterface
public interface CpuMeter {
    long NANOS_PER_TICK = 10_000_000L;

    /** CPU nanoseconds so far, or empty when they cannot be read (not Linux, process gone). */
    OptionalLong cpuNanos();

    CpuMeter NONE = OptionalLong::empty;

    /** A whole process, e.g. an external gateway ({@code --gateway-pid}). */
    static CpuMeter process(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        return () -> ticks(stat).stream().map(t -> t * NANOS_PER_TICK).findFirst();
    }

    /**
     * The threads of this JVM whose name starts with one of {@code prefixes}: the embedded gateway runs beside the load
     * generator, so {@code /proc/self/stat} would count both. A thread that ended between two samples takes its CPU
     * time with it (the kernel keeps no per-thread total), so sample while the measured threads live.
     */
    static CpuMeter threadsNamed(String... prefixes) {
        List<String> names = List.of(prefixes);
        return () -> {
            long sum = 0;
            boolean any = false;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
                for (Path task : tasks) {
                    String line;
                    try {
                        line = Files.readString(task.resolve("stat"));
                    } catch (IOException gone) {
                        continue; // the thread ended between listing and reading
                    }
                    int open = line.indexOf('(');
                    int close = line.lastIndexOf(')');
                    if (open < 0 || close < open || !startsWithAny(line.substring(open + 1, close), names)) {
                        continue;
                    }
                    OptionalLong t = parse(line);
                    if (t.isPresent()) {
                        sum += t.getAsLong();
                        any = true;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return OptionalLong.empty();
            }
            return any ? OptionalLong.of(sum * NANOS_PER_TICK) : OptionalLong.empty();
        };
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        return prefixes.stream().anyMatch(name::startsWith);
    }

    private static OptionalLong ticks(Path stat) {
        try {
            return parse(Files.readString(stat));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** utime + stime: fields 14 and 15 of stat, counted after the parenthesised command name (which may hold spaces). */
    static OptionalLong parse(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] f = statLine.substring(close + 2).trim().split(" +");
        // after ")": state(3) ppid(4) ... utime is field 14, i.e. index 11 here; stime index 12
        if (f.length < 13) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
