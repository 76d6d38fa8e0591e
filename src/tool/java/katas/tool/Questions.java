package katas.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The follow-up questions of QUESTIONS.md: a {@code ## <id>} section per exercise (and {@code ## general}),
 * each question a {@code **Q.**} paragraph followed by its reference answer, an {@code **A.**} paragraph.
 */
public final class Questions {

    public static final String GENERAL = "general";

    public record Question(String text, String answer) {}

    /** A question and the section it comes from. */
    public record Asked(String section, Question question) {}

    private Questions() {}

    public static Map<String, List<Question>> read(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The follow-ups of an interview: the first question of each exercise, then the general ones that do
     * not name only the engine left out, {@code count} at most.
     */
    public static List<Asked> forInterview(
            Map<String, List<Question>> bank, List<String> exerciseIds, String engine, int count) {
        List<Asked> asked = new ArrayList<>();
        for (String id : exerciseIds) {
            bank.getOrDefault(id, List.of()).stream()
                    .findFirst()
                    .ifPresent(question -> asked.add(new Asked(id, question)));
        }
        bank.getOrDefault(GENERAL, List.of()).stream()
                .filter(question ->
                        engine.equals("both") || !namesOnly(question, engine.equals("spark") ? "Flink" : "Spark"))
                .forEach(question -> asked.add(new Asked(GENERAL, question)));
        return asked.subList(0, Math.min(count, asked.size()));
    }

    private static boolean namesOnly(Question question, String leftOut) {
        String other = leftOut.equals("Spark") ? "Flink" : "Spark";
        return question.text().contains(leftOut) && !question.text().contains(other);
    }

    static Map<String, List<Question>> parse(List<String> lines) {
        Map<String, List<Question>> sections = new LinkedHashMap<>();
        List<Question> questions = null;
        StringBuilder paragraph = null;
        String question = null;
        for (String line : append(lines, "")) {
            if (line.startsWith("## ")) {
                questions = new ArrayList<>();
                sections.put(line.substring(3).strip(), questions);
            } else if (questions != null && (line.startsWith("**Q.**") || line.startsWith("**A.**"))) {
                paragraph = new StringBuilder(line.substring(6).strip());
            } else if (paragraph != null && !line.isBlank()) {
                paragraph.append(' ').append(line.strip());
            } else if (paragraph != null) { // a blank line ends the paragraph
                if (question == null) {
                    question = paragraph.toString();
                } else {
                    questions.add(new Question(question, paragraph.toString()));
                    question = null;
                }
                paragraph = null;
            }
        }
        return sections;
    }

    private static List<String> append(List<String> lines, String last) {
        List<String> all = new ArrayList<>(lines);
        all.add(last);
        return all;
    }
}
