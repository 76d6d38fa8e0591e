package katas.tool.command;

import java.util.concurrent.Callable;
import katas.support.Catalogue;
import katas.tool.Kata;
import katas.tool.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Every exercise with its engine, grade, minutes and your status.")
public final class ListCommand implements Callable<Integer> {

    @ParentCommand
    Kata kata;

    @Override
    public Integer call() {
        Catalogue catalogue = kata.catalogue();
        Progress progress = kata.progress();
        int solved = 0;
        int started = 0;
        for (Catalogue.Engine engine : Catalogue.Engine.values()) {
            if (catalogue.exercises().stream().noneMatch(exercise -> exercise.engine() == engine)) {
                continue;
            }
            kata.out().println(kata.colour("@|bold " + engine.id() + "|@"));
            for (Catalogue.Exercise exercise : catalogue.exercises()) {
                if (exercise.engine() != engine) {
                    continue;
                }
                Progress.Entry entry = progress.of(exercise.id());
                solved += entry.solved() ? 1 : 0;
                started += entry.started() && !entry.solved() ? 1 : 0;
                kata.out()
                        .println(kata.colour("  %-22s grade %d  %3d min  %s"
                                .formatted(exercise.id(), exercise.grade(), exercise.minutes(), status(entry))));
            }
        }
        int total = catalogue.exercises().size();
        kata.out()
                .println("%d of %d passed, %d in progress, %d not started"
                        .formatted(solved, total, started, total - solved - started));
        return 0;
    }

    private static String status(Progress.Entry entry) {
        if (!entry.started()) {
            return "not started";
        }
        return entry.solved()
                ? "@|green passed|@ " + entry.lastRun()
                : "@|yellow failing " + (entry.total() - entry.passed()) + " of " + entry.total() + "|@ "
                        + entry.lastRun();
    }
}
