package katas.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The hints of HINTS.md: a {@code ## <id>} section per exercise, numbered hints inside it. */
public final class Hints {

    private Hints() {}

    public static Map<String, List<String>> read(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * A hint's Markdown as picocli markup for the terminal: bold stays bold, code is cyan, a link keeps
     * its text; no asterisk or backtick is left to read around.
     */
    public static String toTerminal(String markdown) {
        return markdown.replace("|@", "| @")
                .replaceAll("\\*\\*(.+?)\\*\\*", "@|bold $1|@")
                .replaceAll("`([^`]+)`", "@|cyan $1|@")
                .replaceAll("\\[([^]]+)]\\([^)]+\\)", "$1");
    }

    static Map<String, List<String>> parse(List<String> lines) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> hints = null;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                hints = new ArrayList<>();
                sections.put(line.substring(3).strip(), hints);
            } else if (hints != null && line.matches("^\\d+\\. .*")) {
                hints.add(line.substring(line.indexOf(' ') + 1).strip());
            } else if (hints != null && !hints.isEmpty() && line.startsWith("   ") && !line.isBlank()) {
                int last = hints.size() - 1;
                hints.set(last, hints.get(last) + " " + line.strip());
            }
        }
        return sections;
    }
}
