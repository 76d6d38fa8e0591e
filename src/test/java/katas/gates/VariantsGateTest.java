package katas.gates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import katas.support.Catalogue;
import katas.tool.Project;
import katas.tool.run.ExerciseRunner;
import katas.tool.run.LessonCoverage;
import katas.tool.run.VariantCheck;
import katas.tool.source.Variants.Variant;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * The variants gate: each exercise's tests, run in this JVM against each of its variants, reject every
 * known-wrong answer and accept every other right design, and every lesson test fails for one wrong answer at
 * least (a lesson test nothing can fail grades nothing). Run with the solutions ({@code ./mvnw verify
 * -Psolutions}); {@code ./kata dev variants <id>} runs one exercise's while writing them.
 */
@Tag("gate")
class VariantsGateTest {

    private static final int WRONG_AT_LEAST = 3;
    private static final int RIGHT_AT_LEAST = 1;

    private static final Project PROJECT = Project.here();
    private static final ExerciseRunner RUNNER = new ExerciseRunner(PROJECT);

    /**
     * The engines' logging off for the whole gate: a wrong variant's job fails on purpose, and the ERROR lines the
     * engines log about it (a task failed, a TaskManager lost, a checkpoint aborted, some of them from the shared
     * MiniCluster's JobManager after the variant's tests returned) would read as this build's.
     */
    @BeforeAll
    static void engineLogsOff() {
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
    }

    @AfterAll
    static void removeCompiledClassesAndLogAgain() {
        try {
            RUNNER.close();
        } finally {
            LoggerContext.getContext(false).reconfigure(); // the levels of the configuration again
        }
    }

    @TestFactory
    @DisplayName("every exercise rejects its wrong answers and accepts its other right ones")
    Stream<DynamicNode> variants() {
        List<DynamicNode> exercises = new ArrayList<>();
        for (Catalogue.Exercise exercise : PROJECT.catalogue().exercises()) {
            List<Variant> variants = VariantCheck.variants(PROJECT, exercise);
            LessonCoverage lessons = new LessonCoverage();
            List<DynamicNode> checks = new ArrayList<>();
            checks.add(DynamicTest.dynamicTest(
                    "has at least " + WRONG_AT_LEAST + " wrong and " + RIGHT_AT_LEAST + " right variants", () -> {
                        assertThat(variants.stream().filter(variant -> !variant.right()))
                                .as("wrong variants in %s", PROJECT.relative(PROJECT.variants(exercise)))
                                .hasSizeGreaterThanOrEqualTo(WRONG_AT_LEAST);
                        assertThat(variants.stream().filter(Variant::right))
                                .as("right variants in %s", PROJECT.relative(PROJECT.variants(exercise)))
                                .hasSizeGreaterThanOrEqualTo(RIGHT_AT_LEAST);
                    }));
            AtomicInteger asExpected = new AtomicInteger();
            for (Variant variant : variants) {
                checks.add(DynamicTest.dynamicTest(variant.label(), () -> {
                    VariantCheck.Verdict verdict = VariantCheck.check(PROJECT, exercise, variant, RUNNER);
                    lessons.record(verdict);
                    assertThat(verdict.asExpected()).as(verdict.describe()).isTrue();
                    asExpected.incrementAndGet();
                }));
            }
            checks.add(DynamicTest.dynamicTest("every lesson test fails for at least one wrong variant", () -> {
                assertThat(lessons.uncovered())
                        .as(lessons.describe(exercise.id()) + " (in " + PROJECT.relative(PROJECT.variants(exercise))
                                + ")")
                        .isEmpty();
                // What the gate proved, in place of the engines' logs it kept out.
                System.out.printf(
                        "variants of %s: %d of %d as expected (wrong ones rejected, right ones accepted), every "
                                + "lesson test failed by a wrong one%n",
                        exercise.id(), asExpected.get(), variants.size());
            }));
            exercises.add(DynamicContainer.dynamicContainer(exercise.id(), checks));
        }
        return exercises.stream();
    }
}
