package katas.tool.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import katas.support.Catalogue;
import katas.support.NotImplementedYet;
import katas.tool.run.Outcome.Compiled;
import katas.tool.run.Outcome.TestResult;
import katas.tool.run.Outcome.TestsRan;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs an exercise's test class from a fresh compile in this JVM, through a fresh {@link ExerciseClassLoader}
 * (a re-run never sees a stale class), with one reused JUnit launcher; the engines stay warm.
 */
final class TestLauncher {

    private final Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
            .enableTestExecutionListenerAutoRegistration(false)
            .build());
    private final SparkSessions spark;

    TestLauncher(SparkSessions spark) {
        this.spark = spark;
    }

    /** Runs the tests with {@code kata.track} set to {@code track}, the name failures give the learner's folder. */
    TestsRan test(Catalogue.Exercise exercise, String track, Compiled compiled) {
        Thread thread = Thread.currentThread();
        ClassLoader previousContext = thread.getContextClassLoader();
        String previousTrack = System.getProperty("kata.track");
        List<TestResult> results = new ArrayList<>();
        try (ExerciseClassLoader loader = new ExerciseClassLoader(
                compiled.classes(), compiled.packages(), getClass().getClassLoader())) {
            if (spark.prepareFor(exercise, compiled.classes())) {
                thread.setContextClassLoader(loader);
            }
            System.setProperty("kata.track", track);
            launcher.execute(
                    LauncherDiscoveryRequestBuilder.request()
                            .selectors(DiscoverySelectors.selectClass(loader.loadClass(exercise.test())))
                            .filters(EngineFilter.includeEngines("junit-jupiter"))
                            .build(),
                    new Collecting(results, compiled.packages()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException renamedOrDeleted) {
            return new TestsRan(List.of()); // reported as "no test could run"
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TestsRan(List.of());
        } finally {
            thread.setContextClassLoader(previousContext);
            if (previousTrack == null) {
                System.clearProperty("kata.track");
            } else {
                System.setProperty("kata.track", previousTrack);
            }
        }
        return new TestsRan(List.copyOf(results));
    }

    /** Records each test's result and duration in the order they finish. */
    private record Collecting(List<TestResult> results, Set<String> exercisePackages, Map<String, Long> startedAt)
            implements TestExecutionListener {
        /** The tag of the tests that grade an exercise's lesson: {@code katas.testing.Lesson}. */
        private static final String LESSON_TAG = "lesson";

        Collecting(List<TestResult> results, Set<String> exercisePackages) {
            this(results, exercisePackages, new HashMap<>());
        }

        @Override
        public void executionStarted(TestIdentifier test) {
            startedAt.put(test.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest()) {
                boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                long millis =
                        (System.nanoTime() - startedAt.getOrDefault(test.getUniqueId(), System.nanoTime())) / 1_000_000;
                results.add(new TestResult(
                        test.getDisplayName(),
                        passed,
                        passed ? "" : result.getThrowable().map(this::message).orElse(""),
                        millis,
                        test.getTags().stream().anyMatch(tag -> tag.getName().equals(LESSON_TAG))));
            }
        }

        /** An assertion's or the stub's message as it is; any other failure with its type and the learner's line. */
        private String message(Throwable failure) {
            String message = failure.getMessage() == null
                    ? failure.getClass().getName()
                    : failure.getMessage().strip();
            if (failure instanceof NotImplementedYet || failure instanceof AssertionError) {
                return message;
            }
            return failure.getClass().getSimpleName() + ": " + message
                    + Arrays.stream(failure.getStackTrace())
                            .filter(frame -> exercisePackages.contains(packageOf(frame.getClassName()))
                                    && frame.getFileName() != null
                                    && !frame.getFileName().endsWith("Test.java"))
                            .findFirst()
                            .map(frame -> " (at " + frame.getFileName() + ":" + frame.getLineNumber() + ")")
                            .orElse("");
        }

        private static String packageOf(String className) {
            int lastDot = className.lastIndexOf('.');
            return lastDot < 0 ? "" : className.substring(0, lastDot);
        }
    }
}
