package org.mcalab.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a running-config file the way a user means it: a regular UTF-8 text file of at most {@value #MAX_BYTES}
 * bytes. A device ({@code /dev/zero}), a FIFO, a directory, a huge or a binary file is refused with a message that
 * says which, instead of a hang, an OutOfMemoryError or a decoder's "Input length = 1".
 */
final class ConfigFile {
    /** An ASA running-config with its certificate chains is tens of KiB; 4 MiB leaves room for any real one. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private ConfigFile() {}

    /**
     * @throws NoSuchFileException when there is no such file
     * @throws ConfigFileException for everything else, with the whole message for the user
     */
    static String read(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (FileSystemException e) {
            throw cannotRead(file, e);
        }
        if (!attributes.isRegularFile()) {
            throw new ConfigFileException(file + " is not a regular file (" + kind(attributes) + ")");
        }
        if (attributes.size() > MAX_BYTES) {
            throw tooLarge(file);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1); // the size can lie (/proc) or grow while we read
        } catch (FileSystemException e) {
            throw cannotRead(file, e);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(file);
        }
        return decode(file, bytes);
    }

    /** Why a file could not be opened, in words: the JDK's message for "permission denied" is only the path. */
    static ConfigFileException cannotRead(Path file, FileSystemException e) {
        String why = e instanceof AccessDeniedException ? "permission denied"
                : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        return new ConfigFileException("cannot read " + file + ": " + why);
    }

    private static ConfigFileException tooLarge(Path file) {
        return new ConfigFileException(file + " is larger than " + (MAX_BYTES >> 20) + " MiB; not a running-config");
    }

    private static String kind(BasicFileAttributes a) {
        return a.isDirectory() ? "a directory" : a.isOther() ? "a device, FIFO or socket" : "not a file";
    }

    /** Strict UTF-8; a NUL byte also says "binary", though it is valid UTF-8. */
    private static String decode(Path file, byte[] bytes) throws ConfigFileException {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw notText(file, "a NUL at byte " + i);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw notText(file, "invalid UTF-8 at byte " + in.position());
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static ConfigFileException notText(Path file, String where) {
        return new ConfigFileException(file + " is not a text file (" + where + ")");
    }
}
