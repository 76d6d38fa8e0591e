package katas.tool.command;

import java.util.List;
import java.util.concurrent.Callable;
import katas.support.Catalogue;
import katas.tool.Kata;
import katas.tool.KataProblem;
import katas.tool.Questions;
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
        new FollowUpQuestions(kata)
                .ask(questions.stream()
                        .map(question -> new Questions.Asked(section, question))
                        .toList());
        return 0;
    }

    /** The exercise's section, once its last check passed: the questions ask why the solution works. */
    private String askable(Catalogue.Exercise exercise) {
        if (!kata.progress().of(exercise.id()).solved()) {
            throw new KataProblem("the questions of " + exercise.id() + " come once it is green: kata check "
                    + exercise.id() + " (or try kata questions general)");
        }
        kata.interviews().refuseReference(exercise, "kata questions");
        return exercise.id();
    }
}
