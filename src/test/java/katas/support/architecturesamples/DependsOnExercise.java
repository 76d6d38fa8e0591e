package katas.support.architecturesamples;

import katas.spark.architecturesamples.UsesSparkInternals;

/** Breaks a rule on purpose: support code reaching into an exercise package. */
public final class DependsOnExercise {
    private DependsOnExercise() {}

    public static Object plan() {
        return UsesSparkInternals.plan(null);
    }
}
