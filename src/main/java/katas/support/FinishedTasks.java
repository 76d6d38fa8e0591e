package katas.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import katas.support.cluster.ClusterJob;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecution;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;
import org.apache.flink.runtime.executiongraph.IOMetrics;
import org.apache.flink.runtime.minicluster.MiniCluster;

/**
 * What each task of a finished job reported when it finished, read from the job's archived execution graph (on
 * a MiniCluster) or the REST API (of a session): Flink's own task metrics (records in and out, accumulated back-pressured, idle and busy
 * time) and the task's running time on the cluster's clock. Nothing is polled: a finished task hands its
 * metrics to the JobManager with its final state.
 */
public final class FinishedTasks {

    /** One subtask: {@code vertex} is the name of its chain of operators, as the web UI shows it. */
    public record Task(
            String vertex,
            int subtask,
            long recordsIn,
            long recordsOut,
            long backPressuredMs,
            long idleMs,
            double busyMs,
            long runningMs) {

        /** Back-pressured milliseconds per second of the task's running time, as Flink's gauge reports them. */
        public double backPressuredMsPerSecond() {
            return 1000.0 * backPressuredMs / Math.max(runningMs, 1);
        }

        /** Records out per second of the task's running time. */
        public double recordsOutPerSecond() {
            return 1000.0 * recordsOut / Math.max(runningMs, 1);
        }
    }

    private FinishedTasks() {}

    /** Every subtask of the job, in the job's topological order. */
    public static List<Task> of(MiniCluster cluster, JobID job) throws Exception {
        ArchivedExecutionGraph graph = cluster.getArchivedExecutionGraph(job).get(1, TimeUnit.MINUTES);
        List<Task> tasks = new ArrayList<>();
        for (AccessExecutionJobVertex vertex : graph.getVerticesTopologically()) {
            for (AccessExecutionVertex subtask : vertex.getTaskVertices()) {
                AccessExecution attempt = subtask.getCurrentExecutionAttempt();
                IOMetrics metrics = attempt.getIOMetrics();
                long running = attempt.getStateTimestamp(ExecutionState.RUNNING);
                long finished = attempt.getStateTimestamp(ExecutionState.FINISHED);
                tasks.add(new Task(
                        vertex.getName(),
                        subtask.getParallelSubtaskIndex(),
                        metrics == null ? 0 : metrics.getNumRecordsIn(),
                        metrics == null ? 0 : metrics.getNumRecordsOut(),
                        metrics == null ? 0 : metrics.getAccumulateBackPressuredTime(),
                        metrics == null ? 0 : metrics.getAccumulateIdleTime(),
                        metrics == null ? 0 : metrics.getAccumulateBusyTime(),
                        running > 0 && finished >= running ? finished - running : 0));
            }
        }
        return tasks;
    }

    /**
     * Every subtask of a finished job of the Flink session whose REST API is at {@code restAddress}, as its web UI
     * shows them: the same task metrics, and the time each spent RUNNING.
     */
    public static List<Task> of(String restAddress, JobID job) throws IOException {
        String jobAddress = restAddress + "/jobs/" + job;
        List<Task> tasks = new ArrayList<>();
        for (JsonNode vertex : ClusterJob.json(jobAddress).path("vertices")) {
            JsonNode details = ClusterJob.json(
                    jobAddress + "/vertices/" + vertex.path("id").asText());
            for (JsonNode subtask : details.path("subtasks")) {
                JsonNode metrics = subtask.path("metrics");
                tasks.add(new Task(
                        vertex.path("name").asText(),
                        subtask.path("subtask").asInt(),
                        metrics.path("read-records").asLong(),
                        metrics.path("write-records").asLong(),
                        metrics.path("accumulated-backpressured-time").asLong(),
                        metrics.path("accumulated-idle-time").asLong(),
                        metrics.path("accumulated-busy-time").asDouble(),
                        subtask.path("status-duration").path("RUNNING").asLong()));
            }
        }
        return tasks;
    }

    /** The first subtask whose chain's name starts with {@code prefix} (a source's chain starts with "Source: "). */
    public static Task first(List<Task> tasks, String prefix) {
        return tasks.stream()
                .filter(task -> task.vertex().startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no task named " + prefix + "... among " + tasks));
    }
}
