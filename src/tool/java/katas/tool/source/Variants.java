package katas.tool.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import katas.support.Catalogue;

/**
 * Other answers to an exercise, each stated as what it changes in the reference solution: known-wrong
 * ones that the exercise's tests must reject, and other right designs they must accept. They live in
 * {@code variants.md} beside the solution:
 *
 * <pre>
 * ## wrong: no broadcast hint, so with auto-broadcast off Spark sort-merges both sides
 *
 * ```diff
 * -        return transactions.join(broadcast(users), "userId");
 * +        return transactions.join(users, "userId");
 * ```
 * </pre>
 *
 * A heading says {@code wrong:} or {@code right:} and, in one line, the mistake or the design. Each
 * {@code diff} block (optionally naming a file of the exercise's folder: {@code ```diff Other.java})
 * holds lines of the clean solution, prefixed {@code ' '} to keep or {@code '-'} to remove, and new lines
 * prefixed {@code '+'}; the kept and removed lines must occur exactly once in that file. Prose between
 * blocks is for the reader.
 */
public final class Variants {

    private static final String FENCE = "```";

    private Variants() {}

    /** One change: in {@code file}, the lines {@code before} become {@code after}. */
    public record Edit(String file, String before, String after) {}

    /** One variant; {@code right} says whether the tests must accept it. */
    public record Variant(String exerciseId, boolean right, String description, List<Edit> edits) {

        /** "wrong: ..." or "right: ...", as its heading says. */
        public String label() {
            return (right ? "right: " : "wrong: ") + description;
        }

        /**
         * The exercise's files with this variant's edits, from its clean solution ({@code relative path ->
         * text}, as {@link Stubs#cleanSolution} gives). Fails, naming the variant, when an edit does not fit.
         */
        public Map<String, String> applyTo(Map<String, String> solution, Catalogue.Exercise exercise) {
            Map<String, String> files = new LinkedHashMap<>(solution);
            for (Edit edit : edits) {
                String file = exercise.folder() + "/"
                        + (edit.file() == null
                                ? exercise.stub().substring(exercise.folder().length() + 1)
                                : edit.file());
                String text = files.get(file);
                if (text == null) {
                    throw new IllegalArgumentException(exerciseId + " variant \"" + label() + "\": no file " + file);
                }
                files.put(file, replaceOnce(text, edit));
            }
            return files;
        }

        private String replaceOnce(String text, Edit edit) {
            String framed = "\n" + text;
            String before = "\n" + edit.before();
            int at = framed.indexOf(before);
            if (at < 0 || framed.indexOf(before, at + 1) >= 0) {
                throw new IllegalArgumentException(exerciseId + " variant \"" + label() + "\": its lines "
                        + (at < 0 ? "are not in" : "occur more than once in") + " the solution:\n" + edit.before());
            }
            return (framed.substring(0, at) + "\n" + edit.after() + framed.substring(at + before.length()))
                    .substring(1);
        }
    }

    /** The variants of the exercise, from the file; none when it does not exist. */
    public static List<Variant> read(Path file, String exerciseId) {
        return Files.exists(file)
                ? parse(Stubs.read(file), exerciseId, file.getFileName().toString())
                : List.of();
    }

    static List<Variant> parse(String text, String exerciseId, String source) {
        List<Variant> variants = new ArrayList<>();
        List<String> lines = text.lines().toList();
        Boolean right = null;
        String description = null;
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                if (description != null) {
                    variants.add(variant(exerciseId, right, description, edits, source));
                }
                String heading = line.substring(3).strip();
                if (!heading.startsWith("wrong:") && !heading.startsWith("right:")) {
                    throw new IllegalArgumentException(
                            source + ":" + (i + 1) + ": a variant's heading starts with wrong: or right:");
                }
                right = heading.startsWith("right:");
                description = heading.substring(6).strip();
                edits = new ArrayList<>();
            } else if (line.startsWith(FENCE + "diff")) {
                if (description == null) {
                    throw new IllegalArgumentException(source + ":" + (i + 1) + ": a diff before any variant heading");
                }
                String file = line.substring((FENCE + "diff").length()).strip();
                StringBuilder before = new StringBuilder();
                StringBuilder after = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).startsWith(FENCE); i++) {
                    String diffLine = lines.get(i);
                    char kind = diffLine.isEmpty() ? ' ' : diffLine.charAt(0);
                    String content = diffLine.isEmpty() ? "" : diffLine.substring(1);
                    switch (kind) {
                        case ' ' -> {
                            before.append(content).append('\n');
                            after.append(content).append('\n');
                        }
                        case '-' -> before.append(content).append('\n');
                        case '+' -> after.append(content).append('\n');
                        default ->
                            throw new IllegalArgumentException(
                                    source + ":" + (i + 1) + ": a diff line starts with ' ', '-' or '+'");
                    }
                }
                if (i == lines.size()) {
                    throw new IllegalArgumentException(source + ": a diff block is not closed with " + FENCE);
                }
                edits.add(new Edit(file.isEmpty() ? null : file, before.toString(), after.toString()));
            }
        }
        if (description != null) {
            variants.add(variant(exerciseId, right, description, edits, source));
        }
        return List.copyOf(variants);
    }

    private static Variant variant(
            String exerciseId, boolean right, String description, List<Edit> edits, String source) {
        if (edits.isEmpty()) {
            throw new IllegalArgumentException(source + ": variant \"" + description + "\" has no diff block");
        }
        return new Variant(exerciseId, right, description, List.copyOf(edits));
    }
}
