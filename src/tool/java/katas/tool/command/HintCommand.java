package katas.tool.command;

import java.util.List;
import java.util.concurrent.Callable;
import katas.support.Catalogue;
import katas.tool.Hints;
import katas.tool.Kata;
import katas.tool.KataProblem;
import katas.tool.Progress;
import katas.tool.interview.Interview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "hint",
        mixinStandardHelpOptions = true,
        description = "Reveals the next hint of the exercise; each call shows one more.")
public final class HintCommand implements Callable<Integer> {

    @ParentCommand
    Kata kata;

    @Parameters(paramLabel = "<id>", description = "the exercise id")
    String id;

    @Option(names = "--all", description = "show every hint")
    boolean all;

    @Override
    public Integer call() {
        Catalogue.Exercise exercise = kata.exercise(id);
        List<String> hints = Hints.read(kata.project().hints()).getOrDefault(exercise.id(), List.of());
        if (hints.isEmpty()) {
            throw new KataProblem("HINTS.md has no section '## " + exercise.id() + "'");
        }
        InterviewEnd.submitIfTimeUp(kata);
        Progress progress = kata.progress();
        // In an interview the hints count from none, whatever practice revealed before.
        int before = kata.interviews()
                .running()
                .flatMap(interview -> interview.task(exercise.id()))
                .map(Interview.Task::hints)
                .orElseGet(() -> progress.of(exercise.id()).hintsRevealed());
        int revealed = all ? hints.size() : Math.min(before + 1, hints.size());
        for (int i = 0; i < revealed; i++) {
            kata.out()
                    .println(kata.colour("@|bold Hint " + (i + 1) + " of " + hints.size() + "|@  "
                            + Hints.toTerminal(hints.get(i))));
        }
        if (revealed == hints.size()) {
            kata.out().println("That was the last hint. Compare with the reference: kata diff " + exercise.id());
        }
        progress.recordHints(exercise.id(), revealed);
        kata.interviews().recordHints(exercise, revealed, kata.clock().instant());
        return 0;
    }
}
