package org.mcalab.gateway.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Where a running gateway leaves its admin token for the local admin's CLI: a file only its user can read
 * (0600 in a 0700 directory), keyed by the admin port so {@code mcalab show} finds it with no extra flag
 * (README "The reference gateway"): {@code $XDG_RUNTIME_DIR/mcalab/admin-PORT.token}, or
 * {@code ~/.mcalab/admin-PORT.token} where there is no runtime directory.
 */
public final class AdminTokenFile {
    private AdminTokenFile() {}

    public static Path defaultFor(int adminPort) {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        Path dir = runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))
                ? Path.of(runtime, "mcalab") : Path.of(System.getProperty("user.home"), ".mcalab");
        return dir.resolve("admin-" + adminPort + ".token");
    }

    /** Replaces {@code file} atomically with one holding the token, readable by this user only. */
    public static void write(Path file, String token) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException raced) {
                // made by another gateway in the meantime
            }
        }
        Path tmp = Files.createTempFile(dir, ".admin-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The token in {@code file}, or empty when there is none (no gateway started here with that port). */
    public static Optional<String> read(Path file) {
        try {
            String t = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return t.isEmpty() || t.length() > 256 ? Optional.empty() : Optional.of(t);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
