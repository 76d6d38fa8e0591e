package katas.tool.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import katas.support.Catalogue;
import katas.support.ScratchFolder;
import katas.tool.Project;
import katas.tool.source.Stubs;
import katas.tool.source.Variants;
import katas.tool.source.Variants.Variant;

/**
 * Runs an exercise's tests against each of its variants, in this JVM: a wrong one must compile and fail
 * at least one test, a right one must pass them all.
 */
public final class VariantCheck {

    /** What the tests made of one variant, or why it could not run; whether that is what the variant expects. */
    public record Verdict(Variant variant, Outcome outcome, String problem) {

        public boolean asExpected() {
            if (outcome instanceof Outcome.TestsRan ran && !ran.tests().isEmpty()) {
                return variant.right() == ran.allPassed();
            }
            return false; // a variant that does not compile, or runs no test, proves nothing
        }

        /** One line: the variant, and which tests rejected it or why the verdict is off. */
        public String describe() {
            String label = variant.exerciseId() + " " + variant.label();
            if (problem != null) {
                return label + ": " + problem;
            }
            if (outcome instanceof Outcome.CompileFailed failed) {
                return label + ": does not compile: " + String.join("; ", failed.diagnostics());
            }
            List<Outcome.TestResult> failing = ((Outcome.TestsRan) outcome)
                    .tests().stream().filter(test -> !test.passed()).toList();
            if (variant.right()) {
                return label
                        + (failing.isEmpty()
                                ? ": accepted"
                                : ": rejected by "
                                        + failing.stream()
                                                .map(test -> "\"" + test.name() + "\" ("
                                                        + test.message()
                                                                .lines()
                                                                .findFirst()
                                                                .orElse("") + ")")
                                                .toList());
            }
            return label
                    + (failing.isEmpty()
                            ? ": passes every test"
                            : ": rejected by "
                                    + failing.stream()
                                            .map(test -> "\"" + test.name() + "\"")
                                            .toList());
        }
    }

    private VariantCheck() {}

    public static List<Variant> variants(Project project, Catalogue.Exercise exercise) {
        return Variants.read(project.variants(exercise), exercise.id());
    }

    /** Writes the variant's sources into a scratch folder, runs the exercise's tests there, and removes it. */
    public static Verdict check(Project project, Catalogue.Exercise exercise, Variant variant, ExerciseRunner runner) {
        Map<String, String> sources;
        try {
            sources = variant.applyTo(Stubs.cleanSolution(project, exercise), exercise);
        } catch (IllegalArgumentException doesNotFit) {
            return new Verdict(
                    variant, null, doesNotFit.getMessage().lines().findFirst().orElse("") + " (the solution changed?)");
        }
        try {
            Path scratch = Files.createDirectories(project.work().resolve("variants"));
            Path root = Files.createTempDirectory(scratch, exercise.id() + "-");
            try {
                Stubs.writeInto(root, sources);
                return new Verdict(variant, runner.run(exercise, root, "variant"), null);
            } finally {
                ScratchFolder.delete(root);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a variant under " + project.relative(project.work()), e);
        }
    }
}
