package katas.tool.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import katas.tool.run.Outcome.TestResult;
import katas.tool.source.Variants.Variant;
import org.junit.jupiter.api.Test;

class LessonCoverageTest {

    private static final TestResult ROWS_FAIL = new TestResult("rows", false, "expected", 1, false);
    private static final TestResult PLAN_PASSES = new TestResult("plan", true, "", 1, true);
    private static final TestResult PLAN_FAILS = new TestResult("plan", false, "no exchange", 1, true);
    private static final TestResult STATE_PASSES = new TestResult("state", true, "", 1, true);

    @Test
    void aLessonTestOnlyRowsCatchIsUncovered() {
        LessonCoverage coverage = new LessonCoverage();
        coverage.record(verdict(false, ROWS_FAIL, PLAN_PASSES, STATE_PASSES));
        coverage.record(verdict(false, ROWS_FAIL, PLAN_FAILS, STATE_PASSES));

        assertThat(coverage.uncovered()).containsExactly("state");
        assertThat(coverage.describe("demo")).contains("\"state\"").doesNotContain("\"plan\"");
    }

    @Test
    void aRightVariantFailingCoversNothing() {
        LessonCoverage coverage = new LessonCoverage();
        coverage.record(verdict(true, PLAN_FAILS, STATE_PASSES));
        coverage.record(new VariantCheck.Verdict(
                variant(false), new Outcome.CompileFailed(List.of("cannot find symbol")), null));

        assertThat(coverage.uncovered()).containsExactly("plan", "state");
    }

    @Test
    void everyLessonTestFailedByAWrongVariantIsCovered() {
        LessonCoverage coverage = new LessonCoverage();
        coverage.record(verdict(false, PLAN_FAILS, STATE_PASSES));
        coverage.record(verdict(false, PLAN_PASSES, new TestResult("state", false, "kept", 1, true)));

        assertThat(coverage.uncovered()).isEmpty();
        assertThat(coverage.describe("demo")).isEqualTo("demo: every lesson test (2) is failed by a wrong variant");
    }

    private static VariantCheck.Verdict verdict(boolean right, TestResult... tests) {
        return new VariantCheck.Verdict(variant(right), new Outcome.TestsRan(List.of(tests)), null);
    }

    private static Variant variant(boolean right) {
        return new Variant("demo", right, "a variant", List.of());
    }
}
