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

    private Questions() {}

    public static Map<String, List<Question>> read(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
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
