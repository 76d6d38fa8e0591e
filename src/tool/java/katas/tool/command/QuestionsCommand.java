package katas.tool.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import katas.support.Catalogue;
import katas.tool.Hints;
import katas.tool.Kata;
import katas.tool.KataProblem;
import katas.tool.Questions;
import katas.tool.SelfGrades;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "questions",
        mixinStandardHelpOptions = true,
        description = "Asks an exercise's follow-up questions once it is green: type an answer (an empty line "
                + "ends it), read the reference, grade yourself from 1 to 5.")
public final class QuestionsCommand implements Callable<Integer> {

    @ParentCommand
    Kata kata;

    @Parameters(paramLabel = "<id>", description = "the exercise id, or 'general' for the guide's interview Q&A")
    String id;

    @Override
    public Integer call() {
        String section = id.equals(Questions.GENERAL) ? id : askable(kata.exercise(id));
        List<Questions.Question> questions =
                Questions.read(kata.project().questions()).getOrDefault(section, List.of());
        if (questions.isEmpty()) {
            throw new KataProblem("QUESTIONS.md has no questions under '## " + section + "'");
        }
        SelfGrades grades = new SelfGrades(kata.project().selfGrades());
        List<Integer> given = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            Questions.Question question = questions.get(i);
            say("@|bold Question " + (i + 1) + " of " + questions.size() + "|@  " + Hints.toTerminal(question.text()));
            say("Your answer (an empty line ends it):");
            String answer = readAnswer();
            if (answer == null) {
                say("No more input: stopping here.");
                break;
            }
            say("@|bold Reference|@  " + Hints.toTerminal(question.answer()));
            Integer grade = readGrade();
            if (grade == null) {
                say("No grade given: stopping here.");
                break;
            }
            grades.record(new SelfGrades.Grade(LocalDate.now(kata.clock()), section, question.text(), grade));
            given.add(grade);
        }
        say("Graded " + given.size() + " of " + questions.size() + " answers" + (given.isEmpty() ? "." : ": " + given));
        return 0;
    }

    /** The exercise's section, once its last check passed: the questions ask why the solution works. */
    private String askable(Catalogue.Exercise exercise) {
        if (!kata.progress().of(exercise.id()).solved()) {
            throw new KataProblem("the questions of " + exercise.id() + " come once it is green: kata check "
                    + exercise.id() + " (or try kata questions general)");
        }
        return exercise.id();
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
