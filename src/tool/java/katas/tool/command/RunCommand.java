package katas.tool.command;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import katas.support.Catalogue;
import katas.support.ExerciseLauncher;
import katas.tool.Kata;
import katas.tool.Project.Track;
import katas.tool.run.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Runs the exercise's main on the guide's input (in its own JVM).")
public final class RunCommand implements Callable<Integer> {

    @ParentCommand
    Kata kata;

    @Parameters(paramLabel = "<id>", description = "the exercise id")
    String id;

    @Option(names = "--solution", description = "run the reference")
    boolean solution;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Catalogue.Exercise exercise = kata.exercise(id);
        if (solution) {
            kata.interviews().refuseReference(exercise, "kata run --solution");
        }
        Track track = Track.of(solution);
        Outcome.Compilation compilation = kata.runner().compile(exercise, track);
        if (compilation instanceof Outcome.CompileFailed failed) {
            OutcomeReport.print(kata, exercise, track, failed);
            return 1;
        }
        // Fresh classes first on the class path of a new JVM: the engines' own class loaders then see them too.
        List<String> classPath = new ArrayList<>();
        ((Outcome.Compiled) compilation).classes().forEach(folder -> classPath.add(folder.toString()));
        classPath.add(System.getProperty("java.class.path"));
        kata.out().flush();
        return ExerciseLauncher.runInOwnJvm(
                String.join(File.pathSeparator, classPath),
                track.folder,
                kata.project().root(),
                exercise.id());
    }
}
