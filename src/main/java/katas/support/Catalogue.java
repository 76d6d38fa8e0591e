package katas.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exercise catalogue, {@code catalogue.toml} at the project root: the one place that names every
 * exercise. Tests, hints, the README table and the build's {@code -Dexercise} check all read it.
 *
 * <p>This file uses the JDK only, on purpose: the build runs it as a single source file ({@code java
 * Catalogue.java check <id>}) to reject an unknown id before anything is compiled.
 */
public record Catalogue(List<Exercise> exercises) {

    public static final String FILE_NAME = "catalogue.toml";

    /** The engine an exercise practises. */
    public enum Engine {
        SPARK,
        FLINK,
        BOTH;

        /** As the catalogue writes it: {@code spark}, {@code flink} or {@code both}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean usesSpark() {
            return this != FLINK;
        }

        public boolean usesFlink() {
            return this != SPARK;
        }

        static Engine of(String id) {
            for (Engine engine : values()) {
                if (engine.id().equals(id)) {
                    return engine;
                }
            }
            throw new IllegalArgumentException("unknown engine '" + id + "', expected spark, flink or both");
        }
    }

    /**
     * One exercise. {@code stub} is the path of its main class below {@code exercises/} and {@code solutions/};
     * {@code localOnly}, when not empty, says why its main runs in one JVM only, never on a cluster.
     */
    public record Exercise(
            String id,
            String title,
            Engine engine,
            int grade,
            int minutes,
            String guide,
            String stub,
            String test,
            String localOnly) {

        public String stubClassName() {
            return stub.substring(0, stub.length() - ".java".length()).replace('/', '.');
        }

        /** The package folder of the stub: every file of the exercise lives there. */
        public String folder() {
            return stub.substring(0, stub.lastIndexOf('/'));
        }

        public String hintsAnchor() {
            return "HINTS.md#" + id;
        }
    }

    private static final List<String> KEYS =
            List.of("id", "title", "engine", "grade", "minutes", "guide", "stub", "test");
    private static final List<String> OPTIONAL_KEYS = List.of("local-only");
    private static final Pattern ENTRY = Pattern.compile("^([a-z-]+)\\s*=\\s*(?:\"([^\"]*)\"|(\\d+))\\s*(?:#.*)?$");

    /** The project root: {@code -Dkata.root}, else the nearest folder upwards holding the catalogue. */
    public static Path projectRoot() {
        String configured = System.getProperty("kata.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(FILE_NAME))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                FILE_NAME + " not found in " + start + " or above: run from the bigdata-katas folder");
    }

    public static Catalogue load() {
        return load(projectRoot().resolve(FILE_NAME));
    }

    public static Catalogue load(Path file) {
        try {
            return parse(Files.readAllLines(file), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalogue " + file, e);
        }
    }

    /** Parses the subset of TOML the catalogue uses: {@code [[exercise]]} tables of strings and integers. */
    public static Catalogue parse(List<String> lines, String source) {
        List<Map<String, String>> tables = new ArrayList<>();
        List<Integer> tableLines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.equals("[[exercise]]")) {
                tables.add(new LinkedHashMap<>());
                tableLines.add(i + 1);
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (!entry.matches() || tables.isEmpty()) {
                throw new IllegalArgumentException(source + ":" + (i + 1)
                        + ": expected [[exercise]] or key = \"text\" | number | [\"text\", …], found: " + line);
            }
            String key = entry.group(1);
            if (!KEYS.contains(key) && !OPTIONAL_KEYS.contains(key)) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": unknown key '" + key
                        + "', expected one of " + KEYS + " or " + OPTIONAL_KEYS);
            }
            String value = entry.group(2) != null
                    ? entry.group(2)
                    : entry.group(3) != null ? entry.group(3) : "[" + entry.group(4) + "]";
            if (tables.get(tables.size() - 1).put(key, value) != null) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": '" + key + "' given twice");
            }
        }
        List<Exercise> exercises = new ArrayList<>();
        for (int t = 0; t < tables.size(); t++) {
            Map<String, String> table = tables.get(t);
            for (String key : KEYS) {
                if (!table.containsKey(key)) {
                    throw new IllegalArgumentException(
                            source + ":" + tableLines.get(t) + ": exercise lacks '" + key + "'");
                }
            }
            Engine engine;
            try {
                engine = Engine.of(table.get("engine"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + tableLines.get(t) + ": " + e.getMessage());
            }
            exercises.add(new Exercise(
                    table.get("id"),
                    table.get("title"),
                    engine,
                    integer(table, "grade", source),
                    integer(table, "minutes", source),
                    table.get("guide"),
                    table.get("stub"),
                    table.get("test"),
                    table.getOrDefault("local-only", "")));
        }
        return new Catalogue(List.copyOf(exercises));
    }

    private static int integer(Map<String, String> table, String key, String source) {
        try {
            return Integer.parseInt(table.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + table.get("id") + ": '" + key + "' must be a number");
        }
    }

    public List<String> ids() {
        return exercises.stream().map(Exercise::id).toList();
    }

    public Optional<Exercise> find(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The exercise, or an {@link IllegalArgumentException} whose message names the closest ids. */
    public Exercise require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(unknownIdMessage(id)));
    }

    public String unknownIdMessage(String id) {
        List<String> closest = closestIds(id);
        String suggestion = closest.isEmpty()
                ? "the ids are: " + String.join(", ", ids())
                : "did you mean " + String.join(" or ", closest) + "?";
        return "unknown exercise '" + id + "': " + suggestion + " (all ids: " + FILE_NAME + ")";
    }

    /** Ids within a few edits of {@code id}, or containing it, nearest first. */
    public List<String> closestIds(String id) {
        String wanted = id.toLowerCase().strip();
        int tolerance = Math.max(2, wanted.length() / 3);
        return ids().stream()
                .filter(candidate ->
                        candidate.contains(wanted) && !wanted.isEmpty() || editDistance(candidate, wanted) <= tolerance)
                .sorted(Comparator.comparingInt((String candidate) -> editDistance(candidate, wanted)))
                .limit(3)
                .toList();
    }

    /** The exercise whose stub declares {@code className} (a nested class counts as its outer class). */
    public Optional<Exercise> findByClass(String className) {
        String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        return exercises.stream()
                .filter(e -> e.stubClassName().equals(outer)
                        || outer.startsWith(e.folder().replace('/', '.') + "."))
                .findFirst();
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * {@code check <ids>}: exits 0 when every comma-separated id is in the catalogue (an empty list means
     * all exercises), else prints the closest ids and exits 1.
     */
    public static void main(String[] args) {
        if (args.length < 1 || !args[0].equals("check")) {
            System.err.println("usage: java Catalogue.java check <id>[,<id>...]");
            System.exit(2);
        }
        Catalogue catalogue = load();
        String requested = args.length > 1 ? args[1].strip() : "";
        boolean allKnown = true;
        for (String id : requested.split(",")) {
            if (!id.isBlank() && catalogue.find(id.strip()).isEmpty()) {
                System.err.println("[bigdata-katas] " + catalogue.unknownIdMessage(id.strip()));
                allKnown = false;
            }
        }
        System.exit(allKnown ? 0 : 1);
    }
}
