package katas.support;

import java.util.stream.Stream;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.exchange.ReusedExchangeExec;
import scala.collection.JavaConverters;

/** A physical plan's nodes, walked the way Spark's {@code AdaptiveSparkPlanHelper} walks them. */
public final class SparkPlans {

    private SparkPlans() {}

    /** All nodes under {@code plan} in pre-order, looking inside AQE wrappers, query stages and reused exchanges. */
    public static Stream<SparkPlan> nodes(SparkPlan plan) {
        if (plan instanceof AdaptiveSparkPlanExec adaptive) {
            return nodes(adaptive.executedPlan());
        }
        if (plan instanceof QueryStageExec stage) {
            return Stream.concat(Stream.of(plan), nodes(stage.plan()));
        }
        if (plan instanceof ReusedExchangeExec reused) {
            return Stream.concat(Stream.of(plan), nodes(reused.child()));
        }
        return Stream.concat(
                Stream.of(plan),
                JavaConverters.seqAsJavaList(plan.children()).stream().flatMap(SparkPlans::nodes));
    }
}
