package katas.tool.command;

import java.util.concurrent.Callable;
import katas.support.Catalogue;
import katas.tool.Kata;
import katas.tool.Project.Track;
import katas.tool.run.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Compiles the exercise in-process and runs its tests; exit code 0 when all pass.")
public final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    Kata kata;

    @Parameters(paramLabel = "<id>", description = "the exercise id")
    String id;

    @Option(names = "--solution", description = "run the same tests against the reference")
    boolean solution;

    @Override
    public Integer call() {
        Catalogue.Exercise exercise = kata.exercise(id);
        if (solution) {
            kata.interviews().refuseReference(exercise, "kata check --solution");
        }
        kata.runner().startEnginesEarly(exercise);
        Outcome outcome = kata.runner().run(exercise, Track.of(solution));
        OutcomeReport.print(kata, exercise, Track.of(solution), outcome);
        return OutcomeReport.allPassed(outcome) ? 0 : 1;
    }
}
