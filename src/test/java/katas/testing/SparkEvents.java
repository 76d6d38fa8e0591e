package katas.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.BlockUpdatedInfo;
import scala.collection.JavaConverters;

/**
 * What a SparkListener sees while it listens: the jobs with their stages, each completed stage, each
 * finished task with its locality and metrics, and the blocks the block managers stored. Spark delivers
 * listener events on its own thread; every read first waits until the events posted so far are delivered.
 */
public final class SparkEvents implements AutoCloseable {

    /** A job: its id and the ids of its stages, as the DAG scheduler planned them. */
    public record Job(int id, List<Integer> stageIds) {}

    /** A completed stage: its tasks, where its data went, and the names of its RDDs. */
    public record Stage(
            int id,
            String name,
            int tasks,
            List<Integer> parentIds,
            List<String> rdds,
            long shuffleRecordsWritten,
            long shuffleRecordsRead,
            boolean succeeded) {}

    /** A finished task attempt: its stage, partition, attempt, locality level and executor. */
    public record Task(
            int stageId, int partition, int attempt, String locality, String executorId, boolean succeeded) {}

    /** A block stored by a block manager ({@code driver} or an executor's id), with its bytes. */
    public record Block(String blockId, String executorId, long bytes) {
        public boolean isBroadcastPiece() {
            return blockId.startsWith("broadcast_") && blockId.contains("_piece");
        }
    }

    private final SparkSession spark;
    private final List<Job> jobs = new CopyOnWriteArrayList<>();
    private final List<Stage> stages = new CopyOnWriteArrayList<>();
    private final List<Task> tasks = new CopyOnWriteArrayList<>();
    private final List<Block> blocks = new CopyOnWriteArrayList<>();

    private final SparkListener listener = new SparkListener() {
        @Override
        public void onJobStart(SparkListenerJobStart jobStart) {
            List<Integer> ids = new ArrayList<>();
            JavaConverters.seqAsJavaList(jobStart.stageIds()).forEach(id -> ids.add((Integer) id));
            jobs.add(new Job(jobStart.jobId(), List.copyOf(ids)));
        }

        @Override
        public void onStageCompleted(SparkListenerStageCompleted completed) {
            var info = completed.stageInfo();
            List<Integer> parents = new ArrayList<>();
            JavaConverters.seqAsJavaList(info.parentIds()).forEach(id -> parents.add((Integer) id));
            List<String> rdds = JavaConverters.seqAsJavaList(info.rddInfos()).stream()
                    .map(rdd -> rdd.name())
                    .toList();
            var metrics = info.taskMetrics();
            stages.add(new Stage(
                    info.stageId(),
                    info.name(),
                    info.numTasks(),
                    List.copyOf(parents),
                    rdds,
                    metrics.shuffleWriteMetrics().recordsWritten(),
                    metrics.shuffleReadMetrics().recordsRead(),
                    info.failureReason().isEmpty()));
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
            var info = taskEnd.taskInfo();
            tasks.add(new Task(
                    taskEnd.stageId(),
                    info.partitionId(),
                    info.attemptNumber(),
                    info.taskLocality().toString(),
                    info.executorId(),
                    info.successful()));
        }

        @Override
        public void onBlockUpdated(SparkListenerBlockUpdated updated) {
            BlockUpdatedInfo info = updated.blockUpdatedInfo();
            blocks.add(new Block(
                    info.blockId().name(), info.blockManagerId().executorId(), info.memSize() + info.diskSize()));
        }
    };

    private SparkEvents(SparkSession spark) {
        this.spark = spark;
        spark.sparkContext().addSparkListener(listener);
    }

    /** A recorder from now on: the events of what ran before are delivered first, and not recorded. */
    public static SparkEvents recordIn(SparkSession spark) throws TimeoutException {
        spark.sparkContext().listenerBus().waitUntilEmpty();
        return new SparkEvents(spark);
    }

    public List<Job> jobs() throws TimeoutException {
        delivered();
        return List.copyOf(jobs);
    }

    public List<Stage> stages() throws TimeoutException {
        delivered();
        return List.copyOf(stages);
    }

    public List<Task> tasks() throws TimeoutException {
        delivered();
        return List.copyOf(tasks);
    }

    public List<Block> blocks() throws TimeoutException {
        delivered();
        return List.copyOf(blocks);
    }

    private void delivered() throws TimeoutException {
        spark.sparkContext().listenerBus().waitUntilEmpty();
    }

    @Override
    public void close() {
        spark.sparkContext().removeSparkListener(listener);
    }
}
