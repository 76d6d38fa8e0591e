package katas.tool.command;

import java.time.LocalDate;
import katas.support.Catalogue;
import katas.tool.Kata;
import katas.tool.Project.Track;
import katas.tool.run.Outcome;

/**
 * How check and watch show a run: one line per test, the whole failure message, the score; progress or
 * the interview's run recorded.
 */
final class OutcomeReport {

    private OutcomeReport() {}

    static void print(Kata kata, Catalogue.Exercise exercise, Track track, Outcome outcome) {
        if (outcome instanceof Outcome.CompileFailed failed) {
            kata.out().println(kata.colour("@|red " + exercise.id() + " does not compile:|@"));
            failed.diagnostics().forEach(line -> kata.out().println("  " + line));
            return;
        }
        Outcome.TestsRan ran = (Outcome.TestsRan) outcome;
        if (ran.tests().isEmpty()) {
            kata.out()
                    .println(kata.colour(
                            "@|red no test of " + exercise.test() + " could run: is the test class intact?|@"));
        }
        for (Outcome.TestResult test : ran.tests()) {
            String name = test.name() + " @|faint (" + test.millis() + " ms)|@";
            kata.out().println(kata.colour(test.passed() ? "  @|green PASS|@ " + name : "  @|red FAIL|@ " + name));
            if (!test.passed()) {
                test.message().lines().forEach(line -> kata.out().println("       " + line));
            }
        }
        kata.out()
                .println(kata.colour("%s: %d of %d tests pass (track: %s)"
                        .formatted(exercise.id(), ran.passed(), ran.tests().size(), track.folder)));
        if (track != Track.EXERCISES || InterviewEnd.submitIfTimeUp(kata)) {
            return;
        }
        // An interview's bare stub, until restored, is not the learner's practice file: its runs count for
        // the interview only.
        boolean interviewed = kata.interviews()
                .current()
                .flatMap(interview -> interview.task(exercise.id()))
                .isPresent();
        if (!interviewed) {
            kata.progress()
                    .recordCheck(exercise.id(), (int) ran.passed(), ran.tests().size(), LocalDate.now(kata.clock()));
            return;
        }
        kata.interviews().recordRun(exercise, ran.tests(), kata.clock().instant());
        // Each run ends with the clock: time left, and the warnings that came due.
        kata.interviews()
                .running()
                .ifPresent(interview -> kata
                        .interviews()
                        .status(interview, kata.clock().instant())
                        .stream()
                        .filter(line -> !line.startsWith(" "))
                        .forEach(line -> kata.out().println(kata.colour("@|bold interview:|@ " + line))));
    }

    static boolean allPassed(Outcome outcome) {
        return outcome instanceof Outcome.TestsRan ran && ran.allPassed();
    }
}
