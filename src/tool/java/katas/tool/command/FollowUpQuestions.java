package katas.tool.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import katas.tool.Hints;
import katas.tool.Kata;
import katas.tool.Questions;
import katas.tool.SelfGrades;
import katas.tool.interview.Report;

/** Asks questions one by one: the learner's answer, the reference, the learner's grade, 1 to 5. */
final class FollowUpQuestions {

    private final Kata kata;

    FollowUpQuestions(Kata kata) {
        this.kata = kata;
    }

    /** The answered and graded questions, in order; stops at the end of input. */
    List<Report.FollowUp> ask(List<Questions.Asked> questions) {
        SelfGrades grades = new SelfGrades(kata.project().selfGrades());
        List<Report.FollowUp> answered = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            Questions.Question question = questions.get(i).question();
            say("@|bold Question " + (i + 1) + " of " + questions.size() + "|@  " + Hints.toTerminal(question.text()));
            say("Your answer (an empty line ends it):");
            String answer = readAnswer();
            if (answer == null) {
                say("No more input: stopping here.");
                break;
            }
            say("@|bold Reference|@  " + Hints.toTerminal(question.answer()));
            if (answer.isBlank()) {
                say("An empty answer scores nothing; no grade to give.");
                answered.add(new Report.FollowUp(question.text(), answer, question.answer(), 1));
                continue;
            }
            Integer grade = readGrade();
            if (grade == null) {
                say("No grade given: stopping here.");
                break;
            }
            grades.record(new SelfGrades.Grade(
                    LocalDate.now(kata.clock()), questions.get(i).section(), question.text(), grade));
            answered.add(new Report.FollowUp(question.text(), answer, question.answer(), grade));
        }
        say("Graded " + answered.size() + " of " + questions.size() + " answers"
                + (answered.isEmpty()
                        ? "."
                        : ": " + answered.stream().map(Report.FollowUp::grade).toList()));
        return answered;
    }

    /** The lines up to an empty one; null at the end of input before any line. */
    private String readAnswer() {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = readLine()) != null && !line.isBlank()) {
            lines.add(line.strip());
        }
        return line == null && lines.isEmpty() ? null : String.join(" ", lines);
    }

    private Integer readGrade() {
        for (int attempt = 0; attempt < 3; attempt++) {
            say("Grade your answer against the reference, 1 (missed it) to 5 (as good): ");
            String line = readLine();
            if (line == null) {
                return null;
            }
            if (line.strip().matches("[1-5]")) {
                return Integer.parseInt(line.strip());
            }
            say("@|yellow a number from 1 to 5, please|@");
        }
        return null;
    }

    private String readLine() {
        try {
            return kata.in().readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void say(String markup) {
        kata.out().println(kata.colour(markup));
        kata.out().flush();
    }
}
