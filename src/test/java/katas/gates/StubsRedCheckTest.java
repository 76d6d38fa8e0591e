package katas.gates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import katas.gates.StubsRedCheck.TestCase;
import katas.support.Catalogue;
import katas.support.NotImplementedYet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StubsRedCheckTest {

    private static final Catalogue CATALOGUE = Catalogue.load();
    private static final String STUB_SIGNAL = NotImplementedYet.class.getName();

    private static List<TestCase> everyExerciseRed() {
        return CATALOGUE.exercises().stream()
                .map(e ->
                        new TestCase(e.test(), "t", "errored", STUB_SIGNAL, "[" + e.id() + "] ... not implemented yet"))
                .toList();
    }

    @Test
    @DisplayName("all exercise tests red with the stub signal, project tests green: no problem")
    void allRed() {
        List<TestCase> cases = new ArrayList<>(everyExerciseRed());
        cases.add(new TestCase("katas.support.CatalogueTest", "parses", "passed", "", ""));

        assertThat(StubsRedCheck.problems(CATALOGUE, cases)).isEmpty();
    }

    @Test
    @DisplayName("names the exercise whose test passes, fails for another reason, or never ran")
    void problemsNamed() {
        String brokenTest = CATALOGUE.require("broadcast-join").test();
        List<TestCase> cases = new ArrayList<>(everyExerciseRed().stream()
                .filter(c -> !c.className()
                                .equals(CATALOGUE.require("fraud-detection").test())
                        && !c.className().equals(brokenTest))
                .toList());
        cases.add(new TestCase(brokenTest, "plan", "passed", "", ""));
        cases.add(new TestCase(brokenTest, "rows", "errored", "java.lang.NullPointerException", "boom"));
        cases.add(new TestCase(
                "katas.support.CatalogueTest", "parses", "failed", "java.lang.AssertionError", "expected"));

        assertThat(StubsRedCheck.problems(CATALOGUE, cases))
                .containsExactlyInAnyOrder(
                        "broadcast-join: \"plan\" passes against the untouched stub",
                        "broadcast-join: \"rows\" errored for another reason than the stub: java.lang.NullPointerException: boom",
                        "fraud-detection: no test ran from katas.flink.fraud.FraudDetectorTest (did the test JVM crash?)",
                        "project test katas.support.CatalogueTest \"parses\" failed on the exercises track: java.lang.AssertionError: expected");
    }
}
