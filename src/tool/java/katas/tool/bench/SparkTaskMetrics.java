package katas.tool.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import katas.support.SparkPlans;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.util.QueryExecutionListener;

/**
 * What Spark's tasks reported while a run ran, the engine's own counters, and the physical plan of the last query
 * that finished: the bench's evidence.
 */
final class SparkTaskMetrics implements AutoCloseable {

    /** One finished task's counters. */
    record Task(
            int stageId,
            long runMillis,
            long inputBytes,
            long inputRecords,
            long shuffleRecordsRead,
            long shuffleBytesWritten) {
        long recordsRead() {
            return inputRecords + shuffleRecordsRead;
        }
    }

    private final SparkSession spark;
    private final List<Task> tasks = new ArrayList<>();
    private final SparkListener listener = new SparkListener() {
        @Override
        public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
            TaskMetrics metrics = taskEnd.taskMetrics();
            if (metrics == null) {
                return;
            }
            synchronized (tasks) {
                tasks.add(new Task(
                        taskEnd.stageId(),
                        metrics.executorRunTime(),
                        metrics.inputMetrics().bytesRead(),
                        metrics.inputMetrics().recordsRead(),
                        metrics.shuffleReadMetrics().recordsRead(),
                        metrics.shuffleWriteMetrics().bytesWritten()));
            }
        }
    };

    private final AtomicReference<SparkPlan> lastPlan = new AtomicReference<>();
    private final QueryExecutionListener queries = new QueryExecutionListener() {
        @Override
        public void onSuccess(String action, QueryExecution execution, long durationNs) {
            lastPlan.set(execution.executedPlan());
        }

        @Override
        public void onFailure(String action, QueryExecution execution, Exception failure) {}
    };

    private SparkTaskMetrics(SparkSession spark) {
        this.spark = spark;
        spark.sparkContext().addSparkListener(listener);
        spark.listenerManager().register(queries);
    }

    /** Records from now on: what ran before is delivered first and left out. */
    static SparkTaskMetrics recordIn(SparkSession spark) throws TimeoutException {
        spark.sparkContext().listenerBus().waitUntilEmpty();
        return new SparkTaskMetrics(spark);
    }

    List<Task> tasks() throws TimeoutException {
        spark.sparkContext().listenerBus().waitUntilEmpty();
        synchronized (tasks) {
            return List.copyOf(tasks);
        }
    }

    double shuffleMegabytesWritten() throws TimeoutException {
        return tasks().stream().mapToLong(Task::shuffleBytesWritten).sum() / 1e6;
    }

    double inputMegabytesRead() throws TimeoutException {
        return tasks().stream().mapToLong(Task::inputBytes).sum() / 1e6;
    }

    long inputRecordsRead() throws TimeoutException {
        return tasks().stream().mapToLong(Task::inputRecords).sum();
    }

    /** The tasks of the stage that read the most shuffled records: the stage after the exchange that matters. */
    List<Task> busiestShuffleReadingStage() throws TimeoutException {
        Map<Integer, List<Task>> byStage = tasks().stream()
                .filter(task -> task.shuffleRecordsRead() > 0)
                .collect(Collectors.groupingBy(Task::stageId));
        return byStage.values().stream()
                .max(Comparator.comparingLong(stage ->
                        stage.stream().mapToLong(Task::shuffleRecordsRead).sum()))
                .orElse(List.of());
    }

    /** The nodes of the last finished query's plan (AQE's final one) that are a {@code type}. */
    <T> List<T> planNodes(Class<T> type) throws TimeoutException {
        spark.sparkContext().listenerBus().waitUntilEmpty();
        SparkPlan plan = lastPlan.get();
        if (plan == null) {
            throw new IllegalStateException("no query finished while the metrics were recorded");
        }
        return SparkPlans.nodes(plan).filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        spark.sparkContext().removeSparkListener(listener);
        spark.listenerManager().unregister(queries);
    }
}
