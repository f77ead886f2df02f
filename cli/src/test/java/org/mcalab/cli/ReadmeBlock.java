package org.mcalab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shell commands of a README code block, split into words as bash would for these simple lines. */
final class ReadmeBlock {
    private ReadmeBlock() {}

    /** The repository's README.md (tests run in the module directory). */
    static String readme() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("mcalab"))) {
                return Files.readString(dir.resolve("README.md"));
            }
        }
        throw new IOException("no README.md beside the mcalab launcher above " + Path.of("").toAbsolutePath());
    }

    /** The commands of the first ```bash block after {@code heading}: continuations joined, comments dropped. */
    static List<List<String>> commands(String readme, String heading) {
        int at = readme.indexOf("\n" + heading + "\n");
        if (at < 0) {
            throw new IllegalArgumentException("README has no '" + heading + "'");
        }
        int start = readme.indexOf("```bash\n", at) + "```bash\n".length();
        String block = readme.substring(start, readme.indexOf("\n```", start)).replace("\\\n", " ");
        List<List<String>> commands = new ArrayList<>();
        for (String line : block.split("\n")) {
            List<String> words = words(line);
            if (!words.isEmpty()) {
                commands.add(words);
            }
        }
        return commands;
    }

    /** Words of one line: blanks separate, double quotes group, an unquoted '#' at a word start ends the line. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
