package katas.testing;

import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.exchange.ReusedExchangeExec;
import scala.collection.JavaConverters;

/**
 * Physical-plan inspection by node class, never by string search. Walks through AQE's wrapper and its
 * query stages the way Spark's {@code AdaptiveSparkPlanHelper} does.
 */
public final class Plans {

    private Plans() {}

    /** Runs the query, then returns its final physical plan (AQE's plan after execution, not the initial one). */
    public static SparkPlan executedPlan(Dataset<?> query) {
        query.collect();
        SparkPlan plan = query.queryExecution().executedPlan();
        if (plan instanceof AdaptiveSparkPlanExec adaptive && !adaptive.isFinalPlan()) {
            throw new IllegalStateException("AQE plan not final after execution");
        }
        return plan;
    }

    /** Every node of the executed plan that is a {@code type}, in pre-order. */
    public static <T> List<T> collect(Dataset<?> query, Class<T> type) {
        return nodes(executedPlan(query)).filter(type::isInstance).map(type::cast).toList();
    }

    /** All nodes under {@code plan}, looking inside AQE wrappers, query stages and reused exchanges. */
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
                JavaConverters.seqAsJavaList(plan.children()).stream().flatMap(Plans::nodes));
    }

    /** The simple class names of the plan's nodes, for failure messages. */
    public static List<String> nodeNames(Dataset<?> query) {
        return nodes(query.queryExecution().executedPlan()).map(node -> node.getClass().getSimpleName()).toList();
    }
}
