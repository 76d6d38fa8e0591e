package katas.tool.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import katas.support.Catalogue;
import katas.tool.Project;
import katas.tool.Project.Track;

/**
 * The giveaways of an interview stub: a name the answer uses (a type, a method it calls or refers to, a
 * helper it declares) that the bare stub's comments, Javadoc or imports mention although its code does not
 * force it. A bare stub states the task; the API it is solved with is what the interview asks for.
 *
 * <p>A mention counts where a comment writes the name as code: inside {@code {@code …}}, {@code {@link …}},
 * {@code <code>…</code>} or backquotes, followed by {@code (}, after {@code .}, {@code #} or {@code ::}, or
 * as a word no prose has (camelCase, CamelCase, with an underscore). So {@code window(...)} or
 * {@code {@code window}} trips the gate and the English word "window" does not.
 */
public final class Giveaways {

    /**
     * Names an answer uses that give nothing away when a comment mentions them, each for a reason:
     * {@code of}, {@code get}, {@code apply} and {@code equals} are the factory, accessor and object methods
     * of every library; {@code String}, {@code Long}, {@code Integer}, {@code Double}, {@code Math} and
     * {@code List} are the JDK's, which the task speaks in anyway.
     */
    static final Set<String> NOT_GIVEAWAYS =
            Set.of("of", "get", "apply", "equals", "String", "Long", "Integer", "Double", "Math", "List");

    /** A comment, Javadoc or import of a bare stub that names what the answer uses. */
    public record Hit(String file, int line, String identifier) {
        @Override
        public String toString() {
            return file + ":" + line + ": names " + identifier;
        }
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern CODE_SPAN =
            Pattern.compile("\\{@(?:code|link|linkplain|value)\\s[^}]*}|<code>.*?</code>|`[^`]*`", Pattern.DOTALL);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?[\\w.]*?(\\w+);$");
    private static final Set<String> KEYWORDS = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "var",
            "record",
            "yield",
            "true",
            "false",
            "null");

    private Giveaways() {}

    /**
     * The giveaways in the bare stubs of an exercise, rendered in-process from its marked solutions. The
     * names of the domain records ({@link Project#domain()}: their components and methods) are the task's
     * input and output, never a giveaway.
     */
    public static List<Hit> find(Project project, Catalogue.Exercise exercise) {
        Path solutions = project.track(Track.SOLUTIONS);
        List<MarkedSolution> files = new ArrayList<>();
        for (Path source : Project.javaFiles(project.folder(Track.SOLUTIONS, exercise))) {
            String relative = solutions.relativize(source).toString().replace('\\', '/');
            files.add(MarkedSolution.of(Track.SOLUTIONS.folder + "/" + relative, Stubs.read(source)));
        }
        Set<String> vocabulary = new TreeSet<>();
        for (Path record : Project.javaFiles(project.domain())) {
            vocabulary.addAll(identifiers(JavaText.of(Stubs.read(record)).code()));
        }
        return find(files, vocabulary);
    }

    /**
     * The giveaways in the bare stubs of the files of one exercise: the names its blocks use, less the names
     * the bare stubs' code holds, the {@code vocabulary} of its input and output, and {@link #NOT_GIVEAWAYS},
     * wherever a comment or an import mentions them. Each hit names the solution's file and line, where the
     * text is fixed.
     */
    public static List<Hit> find(List<MarkedSolution> files, Set<String> vocabulary) {
        Set<String> giveaways = new TreeSet<>();
        for (MarkedSolution file : files) {
            giveaways.addAll(usedNames(JavaText.of(file.solutionBlocks()).code()));
        }
        for (MarkedSolution file : files) {
            String code = JavaText.of(nonImports(file.bareLines())).code();
            giveaways.removeAll(identifiers(code));
        }
        giveaways.removeAll(vocabulary);
        giveaways.removeAll(NOT_GIVEAWAYS);
        List<Hit> hits = new ArrayList<>();
        for (MarkedSolution file : files) {
            hits.addAll(mentions(file, giveaways));
        }
        return hits;
    }

    /** The names code uses: types, methods called, declared or referred to, members selected. */
    static Set<String> usedNames(String code) {
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(code);
        while (identifier.find()) {
            String name = identifier.group();
            int before = identifier.start() - 1;
            boolean selected = before >= 0 && (code.charAt(before) == '.' || code.charAt(before) == ':');
            int after = identifier.end();
            while (after < code.length() && Character.isWhitespace(code.charAt(after))) {
                after++;
            }
            boolean called = after < code.length() && code.charAt(after) == '(';
            if (!KEYWORDS.contains(name) && (Character.isUpperCase(name.charAt(0)) || selected || called)) {
                names.add(name);
            }
        }
        return names;
    }

    private static Set<String> identifiers(String code) {
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(code);
        while (identifier.find()) {
            names.add(identifier.group());
        }
        return names;
    }

    /** The lines that are not imports, blank where imports are, so that line numbers stay. */
    private static String nonImports(List<MarkedSolution.Line> lines) {
        StringBuilder text = new StringBuilder();
        for (MarkedSolution.Line line : lines) {
            text.append(IMPORT.matcher(line.text()).matches() ? "" : line.text())
                    .append('\n');
        }
        return text.toString();
    }

    private static List<Hit> mentions(MarkedSolution file, Set<String> giveaways) {
        List<MarkedSolution.Line> lines = file.bareLines();
        StringBuilder text = new StringBuilder();
        for (MarkedSolution.Line line : lines) {
            text.append(line.text()).append('\n');
        }
        String comments = JavaText.of(text.toString()).comments();
        boolean[] inSpan = new boolean[comments.length()];
        Matcher span = CODE_SPAN.matcher(comments);
        while (span.find()) {
            for (int i = span.start(); i < span.end(); i++) {
                inSpan[i] = true;
            }
        }
        Set<Hit> hits = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(comments);
        while (identifier.find()) {
            String name = identifier.group();
            if (giveaways.contains(name) && writtenAsCode(comments, identifier, inSpan)) {
                int row = (int) comments.substring(0, identifier.start())
                        .chars()
                        .filter(c -> c == '\n')
                        .count();
                hits.add(new Hit(file.name(), lines.get(row).source(), name));
            }
        }
        for (MarkedSolution.Line line : lines) {
            Matcher imported = IMPORT.matcher(line.text());
            if (imported.matches() && giveaways.contains(imported.group(1))) {
                hits.add(new Hit(file.name(), line.source(), imported.group(1)));
            }
        }
        return List.copyOf(hits);
    }

    /** Whether a comment writes the name as code rather than as a word of prose. */
    private static boolean writtenAsCode(String comments, Matcher identifier, boolean[] inSpan) {
        String name = identifier.group();
        int start = identifier.start();
        int end = identifier.end();
        char before = start > 0 ? comments.charAt(start - 1) : ' ';
        boolean called = end < comments.length() && comments.charAt(end) == '(';
        // After a dot, a lower-case name not called is a file's extension or a key's part: events.json.
        if (before == '.' && !called && name.equals(name.toLowerCase(Locale.ROOT))) {
            return false;
        }
        boolean member = before == '#'
                || before == ':'
                || before == '.' && start > 1 && isIdentifierPart(comments.charAt(start - 2));
        boolean noProseWord = name.contains("_")
                || name.substring(1).chars().anyMatch(Character::isUpperCase)
                        && name.chars().anyMatch(Character::isLowerCase);
        return inSpan[start] || member || called || noProseWord;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** Java source split into its code and its comments, each the length of the text, the rest blanked. */
    record JavaText(String code, String comments) {

        static JavaText of(String text) {
            StringBuilder code = new StringBuilder(text.length());
            StringBuilder comments = new StringBuilder(text.length());
            int i = 0;
            while (i < text.length()) {
                int end;
                boolean comment = false;
                if (text.startsWith("//", i)) {
                    end = text.indexOf('\n', i);
                    end = end < 0 ? text.length() : end;
                    comment = true;
                } else if (text.startsWith("/*", i)) {
                    end = text.indexOf("*/", i + 2);
                    end = end < 0 ? text.length() : end + 2;
                    comment = true;
                } else if (text.startsWith("\"\"\"", i)) {
                    end = closing(text, i + 3, "\"\"\"");
                } else if (text.charAt(i) == '"' || text.charAt(i) == '\'') {
                    end = closing(text, i + 1, String.valueOf(text.charAt(i)));
                } else {
                    code.append(text.charAt(i));
                    comments.append(text.charAt(i) == '\n' ? '\n' : ' ');
                    i++;
                    continue;
                }
                String part = text.substring(i, end);
                String blank = part.replaceAll("[^\n]", " ");
                // A literal keeps its quotes in the code, so that a name in it is no name of the code.
                code.append(comment ? blank : blank.replace(' ', '"'));
                comments.append(comment ? part : blank);
                i = end;
            }
            return new JavaText(code.toString(), comments.toString());
        }

        /** The end of a literal opened before {@code from}: after its unescaped closing quote. */
        private static int closing(String text, int from, String quote) {
            int i = from;
            while (i < text.length()) {
                if (text.charAt(i) == '\\') {
                    i += 2;
                } else if (text.startsWith(quote, i)) {
                    return i + quote.length();
                } else if (quote.length() == 1 && text.charAt(i) == '\n') {
                    return i;
                } else {
                    i++;
                }
            }
            return text.length();
        }
    }

    /** Every hit of every exercise, one line each: what the gate prints. */
    public static List<String> report(Project project) {
        Map<String, List<Hit>> byExercise = new LinkedHashMap<>();
        for (Catalogue.Exercise exercise : project.catalogue().exercises()) {
            byExercise.put(exercise.id(), find(project, exercise));
        }
        List<String> lines = new ArrayList<>();
        byExercise.forEach((id, hits) -> hits.forEach(hit -> lines.add(id + ": " + hit)));
        return lines;
    }
}
