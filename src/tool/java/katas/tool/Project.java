package katas.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import katas.support.Catalogue;

/** The one place that knows where the project keeps what: every path the tool uses comes from here. */
public record Project(Path root) {

    /** Which source root an exercise's code comes from: the learner's stubs or the reference. */
    public enum Track {
        EXERCISES("exercises"),
        SOLUTIONS("solutions");

        public final String folder;

        Track(String folder) {
            this.folder = folder;
        }

        public static Track of(boolean solution) {
            return solution ? SOLUTIONS : EXERCISES;
        }
    }

    public static final String TESTS = "src/test/java";
    public static final String VARIANTS = "variants.md";

    public Project {
        root = root.toAbsolutePath().normalize();
    }

    public static Project here() {
        return new Project(Catalogue.projectRoot());
    }

    public Catalogue catalogue() {
        return Catalogue.load(root.resolve(Catalogue.FILE_NAME));
    }

    public Path track(Track track) {
        return root.resolve(track.folder);
    }

    /** The exercise's package folder in a track: every source file of the exercise lives there. */
    public Path folder(Track track, Catalogue.Exercise exercise) {
        return track(track).resolve(exercise.folder());
    }

    /** The sources every exercise shares: support and domain. */
    public Path sharedSources() {
        return root.resolve("src/main/java");
    }

    /** Where {@code kata run --cluster} writes the exercises' job jars. */
    public Path jobJar(Catalogue.Exercise exercise) {
        return root.resolve("target/jobs/" + exercise.id() + ".jar");
    }

    /** Where {@code kata bench --cluster} writes the jar of the Flink lessons' jobs. */
    public Path benchJar() {
        return root.resolve("target/jobs/bench.jar");
    }

    /** The records exercises read and write ({@code katas.domain}): the vocabulary of their tasks. */
    public Path domain() {
        return sharedSources().resolve("katas/domain");
    }

    public Path tests() {
        return root.resolve(TESTS);
    }

    public Path testFolder(Catalogue.Exercise exercise) {
        return tests().resolve(exercise.folder());
    }

    /** The known-wrong and other right answers of an exercise, beside its solution. */
    public Path variants(Catalogue.Exercise exercise) {
        return folder(Track.SOLUTIONS, exercise).resolve(VARIANTS);
    }

    public Path hints() {
        return root.resolve("HINTS.md");
    }

    public Path questions() {
        return root.resolve("QUESTIONS.md");
    }

    /** The running (or submitted, not yet restored) mock interview. */
    public Path interview() {
        return root.resolve(".kata/interview.json");
    }

    /** Past interviews: one folder each, with its report, and the history of scores. */
    public Path interviews() {
        return root.resolve(".kata/interviews");
    }

    /** The grades the learner gave their own answers to follow-up questions. */
    public Path selfGrades() {
        return root.resolve(".kata/self-grades.tsv");
    }

    public Path readme() {
        return root.resolve("README.md");
    }

    /** The learner's progress: plain text, easy to copy to another machine. */
    public Path progress() {
        return root.resolve(".kata/progress.tsv");
    }

    public Path backups(Catalogue.Exercise exercise) {
        return root.resolve(".kata/backups").resolve(exercise.id());
    }

    /** Scratch space of the tool (compiled runs, variants), under target/ so that a clean removes it. */
    /** The benchmark's CSV files, charts and page. */
    public Path bench() {
        return root.resolve(".kata/bench");
    }

    public Path work() {
        return root.resolve("target/kata");
    }

    /** The path as the learner would type it from the project's folder. */
    public String relative(Path path) {
        return root.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** The Java files below {@code folder}, sorted; none when it does not exist. */
    public static List<Path> javaFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
