package katas.tool.command;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import katas.support.Catalogue;
import katas.tool.FileTrees;
import katas.tool.Kata;
import katas.tool.KataProblem;
import katas.tool.Project;
import katas.tool.Project.Track;
import katas.tool.source.Stubs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "reset",
        mixinStandardHelpOptions = true,
        description =
                "Puts the untouched stub back, generated from the reference; your files are backed up first under .kata/backups/.")
public final class ResetCommand implements Callable<Integer> {

    private static final DateTimeFormatter BACKUP_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    @ParentCommand
    Kata kata;

    @Parameters(paramLabel = "<id>", description = "the exercise id")
    String id;

    @Override
    public Integer call() throws IOException {
        Catalogue.Exercise exercise = kata.exercise(id);
        kata.interviews().refuseReference(exercise, "kata reset");
        Project project = kata.project();
        Path mine = project.folder(Track.EXERCISES, exercise);
        try {
            if (Stubs.untouched(project, exercise)) {
                kata.out().println("The stub of " + exercise.id() + " is untouched; nothing to reset.");
                return 0;
            }
            Stubs.generate(project, exercise); // a broken solution stops the reset before any file moves
        } catch (RuntimeException unreadable) {
            throw new KataProblem("cannot generate the stub of " + exercise.id() + " (" + unreadable.getMessage()
                    + "); nothing was changed");
        }
        Path backup = project.backups(exercise)
                .resolve(LocalDateTime.now(kata.clock()).format(BACKUP_TIME));
        FileTrees.copy(mine, backup);
        FileTrees.delete(mine);
        Stubs.write(project, exercise);
        kata.progress().forget(exercise.id());
        kata.out().println("Restored the stub of " + exercise.id() + " in " + project.relative(mine) + ".");
        kata.out().println("Your previous files are in " + project.relative(backup));
        return 0;
    }
}
