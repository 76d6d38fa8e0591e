package katas.tool.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import katas.support.Catalogue;
import katas.tool.Project;
import katas.tool.Project.Track;

/** The stubs in {@code exercises/}, generated from the marked solutions in {@code solutions/}. */
public final class Stubs {

    private Stubs() {}

    /** Each source file of the exercise (relative to its track) as the learner starts with it. */
    public static Map<String, String> generate(Project project, Catalogue.Exercise exercise) {
        return render(project, exercise, MarkedSolution::stub);
    }

    /** As {@link #generate}, without the imports that point at the API to use. */
    public static Map<String, String> generateBare(Project project, Catalogue.Exercise exercise) {
        return render(project, exercise, MarkedSolution::bareStub);
    }

    /** Each source file of the reference solution without its markers, as a reader compares it. */
    public static Map<String, String> cleanSolution(Project project, Catalogue.Exercise exercise) {
        return render(project, exercise, MarkedSolution::clean);
    }

    private static Map<String, String> render(
            Project project, Catalogue.Exercise exercise, Function<MarkedSolution, String> output) {
        Path solutions = project.track(Track.SOLUTIONS);
        Map<String, String> files = new LinkedHashMap<>();
        for (Path source : Project.javaFiles(project.folder(Track.SOLUTIONS, exercise))) {
            String relative = solutions.relativize(source).toString().replace('\\', '/');
            files.put(relative, output.apply(MarkedSolution.of(Track.SOLUTIONS.folder + "/" + relative, read(source))));
        }
        return files;
    }

    /** Writes the exercise's generated stubs into {@code exercises/}, replacing what is there. */
    public static void write(Project project, Catalogue.Exercise exercise) {
        writeInto(project.track(Track.EXERCISES), generate(project, exercise));
    }

    /** Writes source files ({@code relative path -> text}) below {@code root}. */
    public static void writeInto(Path root, Map<String, String> files) {
        files.forEach((relative, text) -> {
            Path file = root.resolve(relative);
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, text);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        });
    }

    /** Whether the learner's files of the exercise are exactly its generated stub (nothing to lose by a reset). */
    public static boolean untouched(Project project, Catalogue.Exercise exercise) {
        return differences(project, exercise).isEmpty();
    }

    /** Every committed stub that is not what its solution generates, naming the file and the fix. */
    public static List<String> differences(Project project) {
        List<String> differences = new ArrayList<>();
        for (Catalogue.Exercise exercise : project.catalogue().exercises()) {
            differences.addAll(differences(project, exercise));
        }
        return differences;
    }

    private static List<String> differences(Project project, Catalogue.Exercise exercise) {
        Map<String, String> expected = generate(project, exercise);
        Path exercises = project.track(Track.EXERCISES);
        List<String> differences = new ArrayList<>();
        expected.forEach((relative, text) -> {
            Path stub = exercises.resolve(relative);
            if (!Files.exists(stub)) {
                differences.add(Track.EXERCISES.folder + "/" + relative + " is missing");
            } else if (!read(stub).equals(text)) {
                differences.add(
                        Track.EXERCISES.folder + "/" + relative + " is not what solutions/" + relative + " generates");
            }
        });
        for (Path stub : Project.javaFiles(project.folder(Track.EXERCISES, exercise))) {
            String relative = exercises.relativize(stub).toString().replace('\\', '/');
            if (!expected.containsKey(relative)) {
                differences.add(Track.EXERCISES.folder + "/" + relative + " has no solution in solutions/");
            }
        }
        return differences;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
