package org.mcalab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The deliberately sloppy MCA gateway ({@code src/test/resources/foreign/sloppy_gateway.py}, its defects are listed
 * at its top) as a child process on 127.0.0.1, serving its MCA group at {@code /}. It stops when this is closed:
 * its stdin reaches EOF, then it is terminated.
 */
final class SloppyGateway implements AutoCloseable {
    private final Process process;
    private final URI url;
    private final Path log;

    private SloppyGateway(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    static boolean available() {
        return Executables.onPath("python3") && Executables.onPath("openssl");
    }

    static SloppyGateway start(Path pki, Path work) throws IOException {
        return start(pki, work, List.of());
    }

    /** With {@code extra} arguments, e.g. {@code --pending-cap N}: a global pending table that locks everyone out. */
    static SloppyGateway start(Path pki, Path work, List<String> extra) throws IOException {
        Path script = work.resolve("sloppy_gateway.py");
        try (InputStream in = SloppyGateway.class.getResourceAsStream("/foreign/sloppy_gateway.py")) {
            if (in == null) {
                throw new IOException("foreign/sloppy_gateway.py is not on the test classpath");
            }
            Files.copy(in, script);
        }
        Path log = work.resolve("sloppy-gateway.log");
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), "--cert",
                pki.resolve("gateway.chain.pem").toString(), "--key", pki.resolve("gateway.key").toString(), "--port", "0"));
        command.addAll(extra);
        Process p = new ProcessBuilder(command)
                .redirectError(log.toFile())
                .start();
        // The first stdout line says where it listens; EOF (null) means it died before listening.
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null || !line.startsWith("listening on ")) {
            p.destroyForcibly();
            throw new IOException("the sloppy gateway did not start: " + line + "\n" + Files.readString(log));
        }
        return new SloppyGateway(p, URI.create(line.substring("listening on ".length()).strip()), log);
    }

    URI url() {
        return url;
    }

    /** Its stderr: one line per decision (what it really did with each request). */
    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
