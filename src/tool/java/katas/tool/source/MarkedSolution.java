package katas.tool.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A reference solution whose learner's parts are marked, the one hand-written source of an exercise:
 *
 * <pre>
 *     public static Dataset&lt;Row&gt; readUsers(SparkSession spark, String path) {
 *         // @kata:solution
 *         return spark.read().option("header", true).csv(path);
 *         // @kata:end
 *     }
 * </pre>
 *
 * The stub replaces each marked block with {@code throw new NotImplementedYet();} at the marker's indent
 * (and imports it), or, when the block has a {@code // @kata:stub} part, with the lines of that part as
 * they are: a comment, or a commented skeleton. Everything outside the blocks stays byte for byte.
 */
public final class MarkedSolution {

    public static final String SOLUTION = "// @kata:solution";
    public static final String STUB = "// @kata:stub";
    public static final String END = "// @kata:end";
    static final String SIGNAL = "throw new NotImplementedYet();";
    static final String SIGNAL_IMPORT = "import katas.support.NotImplementedYet;";

    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)\\.(\\w+|\\*);$");

    private enum Part {
        OUTSIDE,
        SOLUTION,
        STUB
    }

    private final String name;
    private final List<String> lines;

    private MarkedSolution(String name, String text) {
        this.name = name;
        this.lines = text.lines().toList();
    }

    /** {@code name} is what errors call the file. */
    public static MarkedSolution of(String name, String text) {
        MarkedSolution solution = new MarkedSolution(name, text);
        solution.render(Output.STUB); // rejects broken markers now, with their line
        return solution;
    }

    /** What the learner opens: every block replaced by its stub part or the stub signal. */
    public String stub() {
        return joinLines(render(Output.STUB).stream().map(Line::text).toList());
    }

    /**
     * The stub for interviews: the stub parts' comments (which may name the approach) become one neutral
     * line, and the imports its code does not use go, so nothing hints at the API.
     */
    public String bareStub() {
        return joinLines(bareLines().stream().map(Line::text).toList());
    }

    /** A line of a rendered file and the line of the solution it comes from (0 for one the stub adds). */
    public record Line(int source, String text) {}

    /** The lines of {@link #bareStub()}, each with the line of the solution it comes from. */
    public List<Line> bareLines() {
        List<Line> stub = render(Output.BARE);
        String code = String.join(
                        "\n",
                        stub.stream()
                                .map(Line::text)
                                .filter(line -> !IMPORT.matcher(line).matches())
                                .toList())
                .replaceAll("\"(?:[^\"\\\\\n]|\\\\.)*\"", "\"\"") // a name in a string or a comment is no use of it
                .replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("//[^\n]*", " ");
        List<Line> kept = new ArrayList<>();
        for (Line line : stub) {
            var matcher = IMPORT.matcher(line.text());
            if (!matcher.matches()
                    || matcher.group(3).equals("*")
                    || Pattern.compile("\\b" + matcher.group(3) + "\\b")
                            .matcher(code)
                            .find()) {
                kept.add(line);
            }
        }
        return kept;
    }

    /** The code of the marked blocks, what the learner writes: their solution parts, without stub parts. */
    public String solutionBlocks() {
        List<String> blocks = new ArrayList<>();
        Part part = Part.OUTSIDE;
        for (String line : lines) {
            String marker = line.strip();
            if (marker.equals(SOLUTION)) {
                part = Part.SOLUTION;
            } else if (marker.equals(STUB)) {
                part = Part.STUB;
            } else if (marker.equals(END)) {
                part = Part.OUTSIDE;
            } else if (part == Part.SOLUTION) {
                blocks.add(line);
            }
        }
        return joinLines(blocks);
    }

    /** What errors call the file. */
    public String name() {
        return name;
    }

    /** The reference as a reader compares it: the solution's code, without markers or stub parts. */
    public String clean() {
        return joinLines(render(Output.CLEAN).stream().map(Line::text).toList());
    }

    /** Whether the file has any marked block (a support file of an exercise may have none). */
    public boolean hasBlocks() {
        return lines.stream().anyMatch(line -> line.strip().equals(SOLUTION));
    }

    private enum Output {
        STUB,
        BARE,
        CLEAN
    }

    static final String BARE_PLACEHOLDER = "// Your code here.";

    private List<Line> render(Output output) {
        List<Line> result = new ArrayList<>();
        Part part = Part.OUTSIDE;
        int blockStart = 0;
        boolean blockHasStub = false;
        boolean signalUsed = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String marker = line.strip();
            if (marker.equals(SOLUTION)) {
                require(part == Part.OUTSIDE, i, "a block starts inside the block of line " + (blockStart + 1));
                part = Part.SOLUTION;
                blockStart = i;
                blockHasStub = false;
            } else if (marker.equals(STUB)) {
                require(part == Part.SOLUTION, i, STUB + " outside a solution block");
                part = Part.STUB;
                blockHasStub = true;
            } else if (marker.equals(END)) {
                require(part != Part.OUTSIDE, i, END + " without " + SOLUTION);
                if (output != Output.CLEAN && !blockHasStub) {
                    String marked = lines.get(blockStart);
                    result.add(new Line(blockStart + 1, marked.substring(0, marked.indexOf(SOLUTION)) + SIGNAL));
                    signalUsed = true;
                }
                part = Part.OUTSIDE;
            } else if (marker.startsWith("// @kata:")) {
                throw problem(i, "unknown marker " + marker + " (known: " + SOLUTION + ", " + STUB + ", " + END + ")");
            } else if (part == Part.STUB && output == Output.BARE && marker.startsWith("//")) {
                String placeholder = line.substring(0, line.indexOf("//")) + BARE_PLACEHOLDER;
                if (!result.get(result.size() - 1).text().equals(placeholder)) {
                    result.add(new Line(i + 1, placeholder));
                }
            } else if (part == Part.OUTSIDE
                    || part == Part.SOLUTION && output == Output.CLEAN
                    || part == Part.STUB && output != Output.CLEAN) {
                result.add(new Line(i + 1, line));
            }
        }
        require(part == Part.OUTSIDE, blockStart, "block not closed with " + END);
        if (signalUsed && result.stream().noneMatch(line -> line.text().equals(SIGNAL_IMPORT))) {
            insertImport(result, SIGNAL_IMPORT);
        }
        return result;
    }

    /** Inserts a non-static import in sorted place among the others, or after the package line. */
    private void insertImport(List<Line> result, String importLine) {
        int place = -1;
        for (int i = 0; i < result.size(); i++) {
            String line = result.get(i).text();
            if (line.startsWith("import ") && !line.startsWith("import static ")) {
                if (line.compareTo(importLine) > 0) {
                    result.add(i, new Line(0, importLine));
                    return;
                }
                place = i + 1;
            } else if (place < 0 && line.startsWith("package ")) {
                place = i + 1;
            }
        }
        if (place < 0) {
            throw new IllegalArgumentException(name + ": no package line to put " + importLine + " after");
        }
        result.add(place, new Line(0, importLine));
    }

    private void require(boolean condition, int line, String message) {
        if (!condition) {
            throw problem(line, message);
        }
    }

    private IllegalArgumentException problem(int line, String message) {
        return new IllegalArgumentException(name + ":" + (line + 1) + ": " + message);
    }

    private static String joinLines(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
