package katas.tool.run;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of an exercise's lesson tests (JUnit tag {@code lesson}) its wrong variants make fail. A lesson test
 * that no wrong variant fails may be unable to fail at all, like an assertion on plan text the engine prints
 * whatever the code does: the gate asks for one wrong variant at least that it rejects.
 */
public final class LessonCoverage {

    private final Set<String> lessonTests = new LinkedHashSet<>();
    private final Set<String> failedByAWrongVariant = new LinkedHashSet<>();

    /** Takes the lesson tests a variant's run reported, and, for a wrong variant, those that failed. */
    public void record(VariantCheck.Verdict verdict) {
        if (verdict.outcome() instanceof Outcome.TestsRan ran) {
            for (Outcome.TestResult test : ran.tests()) {
                if (test.lesson()) {
                    lessonTests.add(test.name());
                    if (!verdict.variant().right() && !test.passed()) {
                        failedByAWrongVariant.add(test.name());
                    }
                }
            }
        }
    }

    /** The lesson tests seen in the runs that no wrong variant made fail, in the order they ran. */
    public List<String> uncovered() {
        return lessonTests.stream()
                .filter(test -> !failedByAWrongVariant.contains(test))
                .toList();
    }

    /** One line for a contributor: every lesson test is failed by a wrong variant, or which are not. */
    public String describe(String exerciseId) {
        List<String> uncovered = uncovered();
        return uncovered.isEmpty()
                ? exerciseId + ": every lesson test (" + lessonTests.size() + ") is failed by a wrong variant"
                : exerciseId + ": no wrong variant fails the lesson test(s) "
                        + uncovered.stream().map(name -> "\"" + name + "\"").toList()
                        + ": write a wrong variant that breaks what each grades";
    }
}
