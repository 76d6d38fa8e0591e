package katas.tool.command;

import java.util.List;
import katas.support.Catalogue;
import katas.tool.Kata;
import katas.tool.run.LessonCoverage;
import katas.tool.run.VariantCheck;
import katas.tool.source.Stubs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The contributor's commands: generate the stubs, check the variants, scaffold a new exercise. */
@Command(
        name = "dev",
        mixinStandardHelpOptions = true,
        subcommands = NewExerciseCommand.class,
        description = "For contributors: stubs from the marked solutions, the variants' verdicts, a new exercise.")
public final class DevCommand implements Runnable {

    @ParentCommand
    Kata kata;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(kata.out());
    }

    @Command(
            name = "stubs",
            mixinStandardHelpOptions = true,
            description = "Writes every stub in exercises/ from its marked solution (--check: only say which differ).")
    int stubs(
            @Option(names = "--check", description = "change nothing; exit code 1 when a stub is not its generation")
                    boolean check,
            @Option(
                            names = "--bare",
                            paramLabel = "<id>",
                            description = "print the exercise's stub without the imports that hint at the API")
                    String bare) {
        if (bare != null) {
            Stubs.generateBare(kata.project(), kata.exercise(bare)).values().forEach(kata.out()::print);
            kata.out().flush();
            return 0;
        }
        List<String> differences = Stubs.differences(kata.project());
        if (check) {
            differences.forEach(difference -> kata.out().println(difference + " (run: ./kata dev stubs)"));
            return differences.isEmpty() ? 0 : 1;
        }
        kata.catalogue().exercises().forEach(exercise -> Stubs.write(kata.project(), exercise));
        kata.out()
                .println(
                        differences.isEmpty()
                                ? "Every stub was already its generation."
                                : "Wrote the stubs that were not their generation:\n  "
                                        + String.join("\n  ", differences));
        return 0;
    }

    @Command(
            name = "variants",
            mixinStandardHelpOptions = true,
            description =
                    "Runs the exercise's tests against each of its variants: wrong ones must fail, right ones pass.")
    int variants(
            @Parameters(paramLabel = "<id>", arity = "0..1", description = "the exercise id (default: all)")
                    String id) {
        List<Catalogue.Exercise> exercises = id == null ? kata.catalogue().exercises() : List.of(kata.exercise(id));
        int off = 0;
        for (Catalogue.Exercise exercise : exercises) {
            kata.runner().startEnginesEarly(exercise);
            LessonCoverage lessons = new LessonCoverage();
            for (var variant : VariantCheck.variants(kata.project(), exercise)) {
                VariantCheck.Verdict verdict = VariantCheck.check(kata.project(), exercise, variant, kata.runner());
                lessons.record(verdict);
                off += verdict.asExpected() ? 0 : 1;
                kata.out()
                        .println(kata.colour(
                                (verdict.asExpected() ? "@|green ok |@  " : "@|red off|@  ") + verdict.describe()));
                kata.out().flush();
            }
            boolean covered = lessons.uncovered().isEmpty();
            off += covered ? 0 : 1;
            kata.out()
                    .println(kata.colour(
                            (covered ? "@|green ok |@  " : "@|red off|@  ") + lessons.describe(exercise.id())));
        }
        kata.out()
                .println(
                        off == 0
                                ? "Every variant gets the verdict it expects, and every lesson test fails for a wrong one."
                                : off
                                        + " variant(s) with the wrong verdict or exercise(s) with a lesson test no wrong variant fails.");
        return off == 0 ? 0 : 1;
    }
}
