package org.mcalab.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the external programs the interop tests start (ocserv, ip, python3, openssl). */
final class Executables {
    private Executables() {}

    static boolean onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }
}
