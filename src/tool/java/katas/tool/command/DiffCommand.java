package katas.tool.command;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import katas.support.Catalogue;
import katas.tool.FileTrees;
import katas.tool.Kata;
import katas.tool.Project.Track;
import katas.tool.source.Stubs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = "Your files of the exercise against the reference (without its markers), file by file.")
public final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    Kata kata;

    @Parameters(paramLabel = "<id>", description = "the exercise id")
    String id;

    @Override
    public Integer call() {
        Catalogue.Exercise exercise = kata.exercise(id);
        kata.interviews().refuseReference(exercise, "kata diff");
        Path exercises = kata.project().track(Track.EXERCISES);
        Map<String, String> reference = Stubs.cleanSolution(kata.project(), exercise);
        Set<String> files = new TreeSet<>(reference.keySet());
        FileTrees.relativeFiles(kata.project().folder(Track.EXERCISES, exercise)).stream()
                .filter(file -> file.endsWith(".java"))
                .forEach(file -> files.add(exercise.folder() + "/" + file));
        for (String file : files) {
            List<String> mine = lines(exercises.resolve(file));
            List<String> theirs = reference.getOrDefault(file, "").lines().toList();
            List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(
                    Track.EXERCISES.folder + "/" + file,
                    Track.SOLUTIONS.folder + "/" + file,
                    mine,
                    DiffUtils.diff(mine, theirs),
                    3);
            if (unified.isEmpty()) {
                kata.out().println(kata.colour("@|green " + Path.of(file).getFileName() + ": same as the reference|@"));
            }
            unified.forEach(line -> kata.out().println(colour(line)));
        }
        return 0;
    }

    private String colour(String diffLine) {
        String text = diffLine.replace("|@", "| @");
        if (diffLine.startsWith("+++") || diffLine.startsWith("---")) {
            return kata.colour("@|bold " + text + "|@");
        }
        if (diffLine.startsWith("@@")) {
            return kata.colour("@|cyan " + text + "|@");
        }
        if (diffLine.startsWith("+")) {
            return kata.colour("@|green " + text + "|@");
        }
        return diffLine.startsWith("-") ? kata.colour("@|red " + text + "|@") : diffLine;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
