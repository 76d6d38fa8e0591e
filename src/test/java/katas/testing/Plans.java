package katas.testing;

import java.util.List;
import katas.support.SparkPlans;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.physical.HashPartitioning;
import org.apache.spark.sql.catalyst.plans.physical.Partitioning;
import org.apache.spark.sql.catalyst.plans.physical.RangePartitioning;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import scala.collection.JavaConverters;

/**
 * Physical-plan inspection by node class, never by string search. Walks through AQE's wrapper and its
 * query stages the way Spark's {@code AdaptiveSparkPlanHelper} does.
 */
public final class Plans {

    private Plans() {}

    /** A query run once: its rows and the final physical plan that produced them. */
    public record Executed(List<String> rows, SparkPlan plan) {

        /** Every node of the plan that is a {@code type}, in pre-order. */
        public <T> List<T> nodes(Class<T> type) {
            return SparkPlans.nodes(plan)
                    .filter(type::isInstance)
                    .map(type::cast)
                    .toList();
        }

        /** The plan's one file scan; an assertion error naming the plan's nodes when there is not exactly one. */
        public FileSourceScanExec fileScan() {
            List<FileSourceScanExec> scans = nodes(FileSourceScanExec.class);
            if (scans.size() != 1) {
                throw new AssertionError(
                        "expected one file scan, found " + scans.size() + " in the plan " + nodeNames());
            }
            return scans.get(0);
        }

        /** The filters Spark handed to the file scan's reader, as its plan prints them. */
        public String pushedFilters() {
            return fileScan().metadata().get("PushedFilters").get();
        }

        /** The simple class names of the plan's nodes, for failure messages. */
        public List<String> nodeNames() {
            return SparkPlans.nodes(plan)
                    .map(node -> node.getClass().getSimpleName())
                    .toList();
        }
    }

    /**
     * Runs the query once and keeps its rows (as {@code Row.toString()}) and its final plan: under AQE the
     * plan is only final after execution, and each execution costs a Spark job, so tests run a query once.
     */
    public static Executed execute(Dataset<Row> query) {
        List<String> rows = query.collectAsList().stream().map(Row::toString).toList();
        SparkPlan plan = query.queryExecution().executedPlan();
        if (plan instanceof AdaptiveSparkPlanExec adaptive && !adaptive.isFinalPlan()) {
            throw new IllegalStateException("AQE plan not final after execution");
        }
        return new Executed(rows, plan);
    }

    /** The column names of a partitioning's or a sort's expressions, e.g. the keys of a {@code HashPartitioning}. */
    public static List<String> columnNames(scala.collection.Seq<Expression> expressions) {
        return JavaConverters.seqAsJavaList(expressions).stream()
                .map(expression -> expression instanceof Attribute attribute ? attribute.name() : expression.sql())
                .toList();
    }

    /** The columns rows are shuffled by, for a hash or a range partitioning; none for any other. */
    public static List<String> partitioningColumns(Partitioning partitioning) {
        if (partitioning instanceof HashPartitioning hash) {
            return columnNames(hash.expressions());
        }
        if (partitioning instanceof RangePartitioning range) {
            return JavaConverters.seqAsJavaList(range.ordering()).stream()
                    .map(order -> order.child() instanceof Attribute attribute
                            ? attribute.name()
                            : order.child().sql())
                    .toList();
        }
        return List.of();
    }
}
