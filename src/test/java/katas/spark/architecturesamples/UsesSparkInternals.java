package katas.spark.architecturesamples;

import katas.support.NotImplementedYet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.SparkPlan;

/** Breaks rules on purpose: reaches into Spark's execution internals, and still throws the stub signal. */
public final class UsesSparkInternals {
    private UsesSparkInternals() {}

    public static SparkPlan plan(Dataset<?> data) {
        if (data == null) {
            throw new NotImplementedYet();
        }
        return data.queryExecution().executedPlan();
    }
}
