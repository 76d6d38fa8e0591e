package katas.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The exercise catalogue, {@code catalogue.toml} at the project root: the one place that names every
 * exercise. Tests, hints, the README table and the {@code -Dexercise} check all read it.
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

    private static final String TABLE = "exercise";
    private static final List<String> KEYS =
            List.of("id", "title", "engine", "grade", "minutes", "guide", "stub", "test");
    private static final List<String> NUMBER_KEYS = List.of("grade", "minutes");
    private static final List<String> OPTIONAL_KEYS = List.of("local-only");

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

    /**
     * Reads {@code [[exercise]]} tables of strings and integers; a malformed or incomplete entry is an
     * {@link IllegalArgumentException} naming {@code source} and its line.
     */
    public static Catalogue parse(List<String> lines, String source) {
        return Reader.parse(lines, source);
    }

    /**
     * The TOML reading, in a class of its own so that this one loads without Jackson: mains on a cluster find
     * their fixtures through {@link #projectRoot()}, and the clusters' class paths have no TOML reader (Flink's
     * client has no Jackson but its shaded copy).
     */
    private static final class Reader {

        static Catalogue parse(List<String> lines, String source) {
            JsonNode root;
            try {
                root = new TomlMapper().readTree(String.join("\n", lines));
            } catch (JsonProcessingException e) {
                int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
                throw new IllegalArgumentException(
                        source + ":" + line + ": not valid TOML: " + e.getOriginalMessage(), e);
            }
            Lines where = new Lines(lines, source);
            for (String key : keys(root)) {
                if (!key.equals(TABLE)) {
                    throw where.error(where.keyLine(-1, key), "'" + key + "' outside an [[exercise]] table");
                }
            }
            List<Exercise> exercises = new ArrayList<>();
            JsonNode tables = root.path(TABLE);
            if (!tables.isMissingNode() && !tables.isArray()) {
                throw where.error(where.firstMention(TABLE), "each exercise is an [[exercise]] table");
            }
            for (int t = 0; t < tables.size(); t++) {
                JsonNode table = tables.get(t);
                for (String key : keys(table)) {
                    if (!KEYS.contains(key) && !OPTIONAL_KEYS.contains(key)) {
                        throw where.error(
                                where.keyLine(t, key),
                                "unknown key '" + key + "', expected one of " + KEYS + " or " + OPTIONAL_KEYS);
                    }
                    boolean number = NUMBER_KEYS.contains(key);
                    if (number
                            ? !table.get(key).canConvertToInt()
                                    || !table.get(key).isIntegralNumber()
                            : !table.get(key).isTextual()) {
                        throw where.error(
                                where.keyLine(t, key),
                                "'" + key + "' must be " + (number ? "a whole number" : "a \"text\""));
                    }
                }
                for (String key : KEYS) {
                    if (!table.has(key)) {
                        throw where.error(where.tableLine(t), "exercise lacks '" + key + "'");
                    }
                }
                Engine engine;
                try {
                    engine = Engine.of(table.get("engine").asText());
                } catch (IllegalArgumentException e) {
                    throw where.error(where.keyLine(t, "engine"), e.getMessage());
                }
                exercises.add(new Exercise(
                        table.get("id").asText(),
                        table.get("title").asText(),
                        engine,
                        table.get("grade").asInt(),
                        table.get("minutes").asInt(),
                        table.get("guide").asText(),
                        table.get("stub").asText(),
                        table.get("test").asText(),
                        table.path("local-only").asText("")));
            }
            return new Catalogue(List.copyOf(exercises));
        }

        private static Iterable<String> keys(JsonNode table) {
            return table::fieldNames;
        }

        /** Where an entry is written: the parsed tree keeps no lines, so they are found in the text again. */
        private record Lines(List<String> lines, String source) {

            private static final String HEADER = "[[" + TABLE + "]]";

            /** The 1-based line of the {@code table}-th header, or 0 when there is none. */
            int tableLine(int table) {
                int seen = -1;
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).strip().equals(HEADER) && ++seen == table) {
                        return i + 1;
                    }
                }
                return 0;
            }

            /** The line of {@code key} in the {@code table}-th table ({@code -1}: before any), else the table's. */
            int keyLine(int table, String key) {
                Pattern entry = Pattern.compile("^\\s*\"?" + Pattern.quote(key) + "\"?\\s*=.*");
                for (int i = table < 0 ? 0 : tableLine(table); i < lines.size(); i++) {
                    if (lines.get(i).strip().equals(HEADER)) {
                        break;
                    }
                    if (entry.matcher(lines.get(i)).matches()) {
                        return i + 1;
                    }
                }
                return tableLine(table);
            }

            /** The first line outside a comment that mentions {@code text}. */
            int firstMention(String text) {
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).strip().startsWith("#") && lines.get(i).contains(text)) {
                        return i + 1;
                    }
                }
                return 0;
            }

            IllegalArgumentException error(int line, String problem) {
                return new IllegalArgumentException(source + ":" + line + ": " + problem);
            }
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
}
