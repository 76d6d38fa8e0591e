package katas.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The grades, 1 to 5, that the learner gave their answers to follow-up questions: one tab-separated line
 * per answer under {@code .kata/}, appended, so that a killed process loses at most the answer it was on.
 */
public final class SelfGrades {

    public record Grade(LocalDate date, String id, String question, int grade) {}

    private final Path file;

    public SelfGrades(Path file) {
        this.file = file;
    }

    public void record(Grade grade) {
        String line = String.join(
                        "\t",
                        grade.date().toString(),
                        grade.id(),
                        Integer.toString(grade.grade()),
                        grade.question().replace('\t', ' '))
                + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the grade to " + file, e);
        }
    }

    /** Every grade recorded; damaged lines are skipped. */
    public List<Grade> all() {
        List<Grade> grades = new ArrayList<>();
        if (!Files.exists(file)) {
            return grades;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.split("\t", 4);
                try {
                    grades.add(
                            new Grade(LocalDate.parse(fields[0]), fields[1], fields[3], Integer.parseInt(fields[2])));
                } catch (RuntimeException damaged) {
                    // a line cut short by a killed process
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return grades;
    }
}
