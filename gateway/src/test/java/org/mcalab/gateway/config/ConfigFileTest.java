package org.mcalab.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config path that is not a small UTF-8 text file is refused with a message saying what it is. */
class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void aDeviceIsRefusedBeforeAnythingIsRead() {
        // /dev/zero never ends: reading it whole was an OutOfMemoryError
        assertThatThrownBy(() -> AsaConfigParser.parse(Path.of("/dev/zero"))).isInstanceOf(ConfigFileException.class)
                .hasMessage("/dev/zero is not a regular file (a device, FIFO or socket)");
        assertThatThrownBy(() -> AsaConfigParser.parse(dir)).isInstanceOf(ConfigFileException.class)
                .hasMessage(dir + " is not a regular file (a directory)");
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("asa.cfg");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        assertThatThrownBy(() -> AsaConfigParser.parse(fifo)).isInstanceOf(ConfigFileException.class)
                .hasMessage(fifo + " is not a regular file (a device, FIFO or socket)");
    }

    @Test
    void aFileOverFourMebibytesIsRefused() throws Exception {
        Path big = dir.resolve("big.cfg");
        Files.write(big, "!\n".repeat(ConfigFile.MAX_BYTES / 2 + 1).getBytes());
        assertThatThrownBy(() -> AsaConfigParser.parse(big)).isInstanceOf(ConfigFileException.class)
                .hasMessage(big + " is larger than 4 MiB; not a running-config");
        Path fits = dir.resolve("fits.cfg");
        Files.write(fits, ("hostname X\n" + "!\n".repeat((ConfigFile.MAX_BYTES - 11) / 2)).getBytes());
        assertThat(AsaConfigParser.parse(fits).hostname()).contains("X");
    }

    @Test
    void aBinaryFileSaysWhereItStopsBeingText() throws Exception {
        Path invalid = dir.resolve("invalid.cfg");
        Files.write(invalid, new byte[] {'h', 'o', 's', 't', (byte) 0xC3, '(', '\n'});
        assertThatThrownBy(() -> AsaConfigParser.parse(invalid)).isInstanceOf(ConfigFileException.class)
                .hasMessage(invalid + " is not a text file (invalid UTF-8 at byte 4)");
        Path nul = dir.resolve("nul.cfg");
        Files.write(nul, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0});
        assertThatThrownBy(() -> AsaConfigParser.parse(nul)).isInstanceOf(ConfigFileException.class)
                .hasMessage(nul + " is not a text file (a NUL at byte 7)");
        Path utf8 = dir.resolve("utf8.cfg");
        Files.writeString(utf8, "hostname X\n! café — ü\n");
        assertThat(AsaConfigParser.parse(utf8).hostname()).contains("X");
    }

    @Test
    void anUnreadableFileSaysPermissionDenied() throws Exception {
        Path file = dir.resolve("secret.cfg");
        assertThat(ConfigFile.cannotRead(file, new AccessDeniedException(file.toString())))
                .hasMessage("cannot read " + file + ": permission denied");
        assertThatThrownBy(() -> AsaConfigParser.parse(dir.resolve("missing.cfg"))).isInstanceOf(NoSuchFileException.class);

        Files.writeString(file, "hostname X\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(file)).as("root reads any file; the mapping above holds the message").isFalse();
        assertThatThrownBy(() -> AsaConfigParser.parse(file)).isInstanceOf(ConfigFileException.class)
                .hasMessage("cannot read " + file + ": permission denied");
    }
}
