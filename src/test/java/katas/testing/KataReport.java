package katas.testing;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import katas.support.Catalogue;
import katas.support.NotImplementedYet;
import katas.tool.Progress;
import katas.tool.Project;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The learner's summary of a test run: which track ran, and per exercise how many tests pass and what
 * to do next. Registered through {@code META-INF/services}, so Maven and any JUnit launcher print it.
 */
public final class KataReport implements TestExecutionListener {

    private final Map<String, Score> progress = new LinkedHashMap<>();
    private Catalogue catalogue;

    private static final class Score {
        int passed;
        int run;
        String next;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        catalogue = Catalogue.load();
        String exercise = System.getProperty("kata.exercise", "");
        System.out.println("[bigdata-katas] track: " + track() + " (" + track() + "/)"
                + (exercise.isBlank() ? "" : ", exercise: " + exercise));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) {
            return;
        }
        exerciseOf(test).ifPresent(id -> {
            Score exercise = progress.computeIfAbsent(id, key -> new Score());
            exercise.run++;
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                exercise.passed++;
            } else if (exercise.next == null) {
                exercise.next = result.getThrowable()
                        .map(failure -> failure instanceof NotImplementedYet
                                ? failure.getMessage()
                                : "fix \"" + test.getDisplayName() + "\": " + summary(failure.getMessage()))
                        .orElse("fix \"" + test.getDisplayName() + "\"");
            }
        });
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        progress.forEach((id, exercise) -> {
            System.out.println("[bigdata-katas] " + id + ": " + exercise.passed + " of " + exercise.run
                    + " tests pass (track: " + track() + ")");
            if (exercise.passed < exercise.run) {
                System.out.println("[bigdata-katas]   next: " + exercise.next);
            } else if (track().equals("exercises")) {
                System.out.println("[bigdata-katas]   solved. Compare with the reference: ./kata diff " + id);
            }
        });
        if (track().equals("exercises")) {
            recordProgress();
        }
    }

    /** The learner's runs through Maven count as much as kata's: the same progress file, the same score. */
    private void recordProgress() {
        try {
            Progress recorded = Progress.load(Project.here().progress());
            progress.forEach(
                    (id, exercise) -> recorded.recordCheck(id, exercise.passed, exercise.run, LocalDate.now()));
        } catch (RuntimeException unwritable) {
            System.out.println("[bigdata-katas] progress not recorded: " + unwritable.getMessage());
        }
    }

    private Optional<String> exerciseOf(TestIdentifier test) {
        return test.getTags().stream()
                .map(TestTag::getName)
                .filter(tag -> catalogue.find(tag).isPresent())
                .findFirst();
    }

    private static String track() {
        return System.getProperty("kata.track", "exercises");
    }

    /** An assertion's own description ("[what is checked] ...") when it has one. */
    private static String summary(String message) {
        String firstLine =
                message == null ? "" : message.strip().lines().findFirst().orElse("");
        return firstLine.startsWith("[") ? firstLine : "see its failure above";
    }
}
