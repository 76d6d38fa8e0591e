package katas.flink.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import katas.support.CheckpointPacedNumbers;
import katas.support.JobGraphs;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SharedMiniCluster.RunningCluster;
import katas.testing.StallingProbe;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ResourceManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.AccessExecution;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.executiongraph.ArchivedExecution;
import org.apache.flink.runtime.jobgraph.JobEdge;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobmanager.scheduler.NoResourceAvailableException;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("flink-architecture")
class FlinkArchitectureTest {

    /** Each job's parallelism; the clusters have 2 TaskManagers of 1 slot each. */
    private static final int PARALLELISM = 2;

    /** Each subtask of the paced source emits this many numbers per checkpoint: 4 batches each. */
    private static final int BATCH = 25;

    private static final List<String> LABELS = LongStream.rangeClosed(FlinkArchitecture.FIRST, FlinkArchitecture.LAST)
            .mapToObj(FlinkArchitecture::label)
            .toList();

    @TempDir
    Path temp;

    /** The job graph of one layout of the job at {@link #PARALLELISM}, as the JobManager would receive it. */
    private static JobGraph jobGraph(BiConsumer<DataStream<Long>, Sink<String>> layout) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        layout.accept(FlinkArchitecture.numbers(env), new DiscardingSink<>());
        return JobGraphs.of(env);
    }

    /** The tasks of a job graph, read by the test: each vertex's name and parallelism, from the sources on. */
    private static List<String> vertices(JobGraph job) {
        return job.getVerticesSortedTopologicallyFromSources().stream()
                .map(vertex -> vertex.getName() + " x" + vertex.getParallelism())
                .toList();
    }

    /** How records reach each task that has inputs: "task <- SHIP_STRATEGY". */
    private static List<String> edges(JobGraph job) {
        List<String> edges = new ArrayList<>();
        for (JobVertex vertex : job.getVerticesSortedTopologicallyFromSources()) {
            for (JobEdge edge : vertex.getInputs()) {
                edges.add(vertex.getName() + " <- " + edge.getShipStrategyName());
            }
        }
        return edges;
    }

    /**
     * A cluster of 2 TaskManagers with 1 slot each, small ones: a job that cannot get its slots fails after
     * {@code slot.request.timeout} (5 minutes by default). The start-up period of the standalone resource
     * manager, during which it lets a job wait for TaskManagers to come, is that timeout by default; past it, a
     * job it cannot fit at once is refused at once. Set apart, the job waits the timeout whatever the cluster's
     * age, and a TaskManager started for a job has that time to register.
     */
    private static RunningCluster twoTaskManagers(Duration slotRequestTimeout) {
        Configuration settings = new Configuration();
        settings.set(JobManagerOptions.SLOT_REQUEST_TIMEOUT, slotRequestTimeout);
        settings.set(ResourceManagerOptions.STANDALONE_CLUSTER_STARTUP_PERIOD_TIME, Duration.ofMinutes(1));
        settings.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("16m"));
        settings.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("16m"));
        settings.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("16m"));
        return RunningCluster.start(settings, 2, 1);
    }

    /**
     * Runs one layout on {@code cluster}, fed the numbers through a {@code rebalance()}: every source subtask then
     * feeds every label subtask, so the whole job is one pipelined region, which the scheduler deploys at once
     * (with forward edges only, each subtask's chain is a region of its own, deployed as slots free up).
     */
    private static AccessExecutionGraph run(
            RunningCluster cluster, int parallelism, BiConsumer<DataStream<Long>, Sink<String>> layout)
            throws Exception {
        StreamExecutionEnvironment env = cluster.environment(parallelism);
        noRestarts(env);
        layout.accept(FlinkArchitecture.numbers(env).rebalance(), new DiscardingSink<>());
        JobID job = env.execute("layout").getJobID();
        return cluster.cluster().getArchivedExecutionGraph(job).get();
    }

    private static void noRestarts(StreamExecutionEnvironment env) {
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a failure fails the test at once
        env.configure(noRestarts);
    }

    /** The slots a finished job's subtasks ran in, each with the tasks whose subtasks it ran. */
    private static Map<String, List<String>> slotsUsed(AccessExecutionGraph job) {
        Map<String, List<String>> slots = new TreeMap<>();
        for (AccessExecutionVertex subtask : job.getAllExecutionVertices()) {
            ArchivedExecution execution = (ArchivedExecution) subtask.getCurrentExecutionAttempt();
            slots.computeIfAbsent(execution.getAssignedAllocationID().toString(), slot -> new ArrayList<>())
                    .add(subtask.getTaskNameWithSubtaskIndex());
        }
        slots.values().forEach(tasks -> tasks.sort(null));
        return slots;
    }

    @Test
    @Lesson
    @Order(1)
    @DisplayName("a task is a chain of operators: the job as written is one task of 2 subtasks")
    void tasksOfAJob() {
        assertThat(FlinkArchitecture.tasks(jobGraph(FlinkArchitecture::labelNumbers)))
                .as("the tasks of the job as written: one vertex of the job graph per task, named after its chained"
                        + " operators, with the number of subtasks that run it (JobVertex.getParallelism)")
                .containsExactly("Source: numbers -> label -> output: Writer x2");
        JobGraph split = jobGraph((numbers, sink) -> numbers.map(FlinkArchitecture::label)
                .name("label")
                .setParallelism(1)
                .sinkTo(sink)
                .name("output"));
        assertThat(FlinkArchitecture.tasks(split))
                .as("the tasks of a job whose map runs on 1 subtask, from the sources on"
                        + " (JobGraph.getVerticesSortedTopologicallyFromSources)")
                .containsExactly("Source: numbers x2", "label x1", "output: Writer x2");
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("disableChaining makes the map a task alone; startNewChain only cuts the chain before it")
    void disableChainingAndStartNewChain() {
        assertThat(vertices(jobGraph(FlinkArchitecture::labelAlone)))
                .as("the tasks with the label map chained to nothing: three tasks of 2 subtasks, 6 threads where the"
                        + " job as written has 2. A map that still shares a task with a neighbour cut only one side"
                        + " of the chain (startNewChain cuts before an operator, disableChaining before and after)")
                .containsExactly("Source: numbers x2", "label x2", "output: Writer x2");
        assertThat(vertices(jobGraph(FlinkArchitecture::newChainAtLabel)))
                .as("the tasks with a new chain begun at the label map: the source alone, then the map with the sink"
                        + " still chained to it")
                .containsExactly("Source: numbers x2", "label -> output: Writer x2");
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("a keyBy or a change of parallelism cuts the chain: records must move between subtasks")
    void keyByAndParallelismCutChains() {
        JobGraph keyed = jobGraph(FlinkArchitecture::keyedLabel);
        assertThat(vertices(keyed))
                .as("the tasks with the numbers keyed before the map: a chain needs a forward edge (subtask i to"
                        + " subtask i), and a keyBy sends each record to the subtask that owns its key")
                .containsExactly("Source: numbers x2", "label -> output: Writer x2");
        assertThat(edges(keyed))
                .as("how records reach the map: hashed by key (keyBy), not spread round-robin (rebalance)")
                .containsExactly("label -> output: Writer <- HASH");

        JobGraph narrowed = jobGraph(FlinkArchitecture::labelOnOneSubtask);
        assertThat(vertices(narrowed))
                .as("the tasks with the label map on 1 subtask (setParallelism on the map alone): 2 subtasks cannot"
                        + " hand records to 1 by method calls, so the map is cut from both neighbours")
                .containsExactly("Source: numbers x2", "label x1", "output: Writer x2");
        assertThat(edges(narrowed))
                .as("how records reach the map and the sink when the parallelism changes: Flink rebalances them")
                .containsExactly("label <- REBALANCE", "output: Writer <- REBALANCE");
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName("a job needs, per slot sharing group, as many slots as its widest task")
    void slotsNeededPerGroup() {
        Map<String, Integer> needed = new LinkedHashMap<>();
        needed.put("as written", FlinkArchitecture.slotsNeeded(jobGraph(FlinkArchitecture::labelNumbers)));
        needed.put("label alone", FlinkArchitecture.slotsNeeded(jobGraph(FlinkArchitecture::labelAlone)));
        needed.put("label x1", FlinkArchitecture.slotsNeeded(jobGraph(FlinkArchitecture::labelOnOneSubtask)));
        needed.put(
                "sink in its own slots", FlinkArchitecture.slotsNeeded(jobGraph(FlinkArchitecture::sinkInItsOwnSlots)));
        needed.put(
                "one sink subtask in its own slots",
                FlinkArchitecture.slotsNeeded(jobGraph((numbers, sink) -> numbers.map(FlinkArchitecture::label)
                        .name("label")
                        .sinkTo(sink)
                        .name("output")
                        .setParallelism(1)
                        .slotSharingGroup("output"))));
        StreamExecutionEnvironment wider = StreamExecutionEnvironment.getExecutionEnvironment();
        wider.setParallelism(3);
        FlinkArchitecture.labelNumbers(FlinkArchitecture.numbers(wider), new DiscardingSink<>());
        needed.put("as written x3", FlinkArchitecture.slotsNeeded(JobGraphs.of(wider)));

        assertThat(needed)
                .as("slots needed by each layout: a slot runs one subtask of every task of its slot sharing group"
                        + " (all share the group \"default\" unless told otherwise), so each group needs as many"
                        + " slots as its task of highest parallelism, and the groups add up. Not the number of"
                        + " subtasks: three tasks of 2 share 2 slots")
                .containsExactly(
                        Map.entry("as written", 2),
                        Map.entry("label alone", 2),
                        Map.entry("label x1", 2),
                        Map.entry("sink in its own slots", 4),
                        Map.entry("one sink subtask in its own slots", 3),
                        Map.entry("as written x3", 3));
    }

    @Test
    @Lesson
    @Order(5)
    @DisplayName("slot sharing: three tasks of 2 subtasks run in the 2 slots of two TaskManagers")
    void slotSharing() throws Exception {
        int predicted = FlinkArchitecture.slotsNeeded(jobGraph(FlinkArchitecture::labelAlone));
        try (RunningCluster cluster = twoTaskManagers(Duration.ofSeconds(1))) {
            AccessExecutionGraph job = run(cluster, PARALLELISM, FlinkArchitecture::labelAlone);

            Map<String, List<String>> slots = slotsUsed(job);
            assertThat(slots.values().stream().mapToInt(List::size).sum())
                    .as("subtasks of the job with the label map alone: 3 tasks x 2")
                    .isEqualTo(6);
            assertThat(slots)
                    .as("the slots the job ran in, each with its subtasks: each slot holds one subtask of each task")
                    .hasSize(2)
                    .allSatisfy((slot, subtasks) ->
                            assertThat(subtasks).as("subtasks in slot %s", slot).hasSize(3));
            assertThat(predicted)
                    .as("slotsNeeded for the job with the label map alone, against the slots it ran in")
                    .isEqualTo(slots.size());
        }
    }

    @Test
    @Lesson
    @Order(6)
    @DisplayName(
            "a slot sharing group of its own needs more slots: too few and the job fails, more TaskManagers run it")
    void slotSharingGroupNeedsMoreSlots() throws Exception {
        int predicted = FlinkArchitecture.slotsNeeded(jobGraph(FlinkArchitecture::sinkInItsOwnSlots));
        try (RunningCluster cluster = twoTaskManagers(Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> run(cluster, PARALLELISM, FlinkArchitecture::sinkInItsOwnSlots))
                    .as("the job with the sink in a slot sharing group of its own, on 2 slots: it needs 2 for the"
                            + " source and the map, and 2 more for the sink, waits slot.request.timeout (1 s here) for"
                            + " them and fails. A job that ran here still shares slots:"
                            + " disableChaining and startNewChain cut chains, only slotSharingGroup(name) keeps a task"
                            + " out of the others' slots")
                    .satisfies(failed -> assertThat(
                                    ExceptionUtils.findThrowable(failed, NoResourceAvailableException.class))
                            .as("Flink's error for a job that did not get its slots in time")
                            .hasValueSatisfying(refused ->
                                    assertThat(refused.getMessage()).contains("within slot request timeout")));

            cluster.cluster().startTaskManager();
            cluster.cluster().startTaskManager();
            Map<String, List<String>> slots =
                    slotsUsed(run(cluster, PARALLELISM, FlinkArchitecture::sinkInItsOwnSlots));

            assertThat(slots)
                    .as("the slots the job ran in on 4 TaskManagers, each with its subtasks")
                    .hasSize(4);
            assertThat(slots.values())
                    .as("the sink's subtasks, each in a slot of its own")
                    .filteredOn(subtasks -> subtasks.stream().anyMatch(name -> name.startsWith("output")))
                    .hasSize(2)
                    .allSatisfy(subtasks -> assertThat(subtasks).hasSize(1));
            assertThat(predicted)
                    .as("slotsNeeded for the job with the sink in its own group, against the slots it ran in")
                    .isEqualTo(slots.size());
        }
    }

    @Test
    @Order(7)
    @DisplayName("checkpoints exactly once, and a restart strategy chosen, not left to the default")
    void recoveryConfiguration() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FlinkArchitecture.recoverFromCheckpoints(env, Duration.ofMillis(100));

        assertThat(env.getCheckpointConfig().isCheckpointingEnabled())
                .as("checkpointing on: without a completed checkpoint there is nothing to restart from")
                .isTrue();
        assertThat(env.getCheckpointConfig().getCheckpointInterval())
                .as("checkpoint interval (ms)")
                .isEqualTo(100);
        assertThat(env.getCheckpointConfig().getCheckpointingConsistencyMode())
                .as("checkpointing mode")
                .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(env.getConfiguration().getOptional(RestartStrategyOptions.RESTART_STRATEGY))
                .as(
                        "%s, set explicitly: with checkpoints on, Flink 2 otherwise picks exponential-delay with endless"
                                + " attempts, and a job that can never run is retried for ever",
                        RestartStrategyOptions.RESTART_STRATEGY.key())
                .hasValueSatisfying(strategy -> assertThat(strategy)
                        .as("a restart strategy that restarts")
                        .isNotIn("none", "off", "disable"));
    }

    /** What a job left in its folder after a TaskManager was lost. */
    private record Recovered(
            long lastCompletedBeforeKill,
            CheckpointStatsSnapshot checkpoints,
            Set<ResourceID> taskManagersBefore,
            Set<ResourceID> taskManagersAfter,
            List<Integer> attemptsAfter,
            List<String> committed) {}

    private static Set<ResourceID> taskManagers(AccessExecutionGraph job) {
        Set<ResourceID> taskManagers = new HashSet<>();
        for (AccessExecutionVertex subtask : job.getAllExecutionVertices()) {
            taskManagers.add(subtask.getCurrentExecutionAttempt()
                    .getAssignedResourceLocation()
                    .getResourceID());
        }
        return taskManagers;
    }

    /**
     * Runs the job as written with the exactly-once sink and the recovery settings on two TaskManagers, kills the
     * first TaskManager while the sink holds rows no completed checkpoint covers yet, starts another, and waits
     * for the job to finish. The source emits {@link #BATCH} numbers per subtask and checkpoint; a probe after it
     * holds back the next checkpoint once its subtask has passed 50 numbers, so the moment of the kill is fixed by
     * the job's own progress, and nothing is timed.
     */
    private Recovered loseATaskManager() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("output"));
        Sink<String> sink = FlinkArchitecture.exactlyOnceFiles(folder);
        try (RunningCluster cluster = twoTaskManagers(Duration.ofMinutes(1));
                StallingProbe.Stall stall = StallingProbe.Stall.named("flink-architecture-" + temp.getFileName())) {
            StreamExecutionEnvironment env = cluster.environment(PARALLELISM);
            FlinkArchitecture.recoverFromCheckpoints(env, Duration.ofMillis(100));
            if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
                throw new AssertionError("recoverFromCheckpoints must turn checkpointing on: the JobManager restarts"
                        + " a job from its last completed checkpoint, and this test's source waits for a checkpoint"
                        + " after each batch");
            }
            DataStream<Long> numbers = env.fromSource(
                            new CheckpointPacedNumbers(FlinkArchitecture.FIRST, FlinkArchitecture.LAST, BATCH),
                            WatermarkStrategy.noWatermarks(),
                            "numbers")
                    // one pipelined region: losing any TaskManager restarts every task of the job
                    .rebalance()
                    .map(StallingProbe.<Long>after(stall, 2L * BATCH))
                    .name("probe");
            FlinkArchitecture.labelNumbers(numbers, sink);
            JobClient job = env.executeAsync("a TaskManager lost");
            try {
                stall.await(2, TimeUnit.MINUTES); // a guard against a hang, not a speed test
            } catch (TimeoutException e) {
                throw new AssertionError("no probe subtask passed 50 numbers in 2 minutes: "
                        + job.getJobStatus().get());
            }
            AccessExecutionGraph before =
                    cluster.cluster().getExecutionGraph(job.getJobID()).get();
            long lastCompleted = before.getCheckpointStatsSnapshot()
                    .getHistory()
                    .getLatestCompletedCheckpoint()
                    .getCheckpointId();

            cluster.cluster().terminateTaskManager(0).get();
            cluster.cluster().startTaskManager();
            try {
                job.getJobExecutionResult().get(2, TimeUnit.MINUTES);
            } catch (ExecutionException failed) {
                throw new AssertionError(
                        "the job failed after its TaskManager was lost instead of restarting: "
                                + failed.getCause().getMessage(),
                        failed);
            } catch (TimeoutException hung) {
                job.cancel().get();
                throw new AssertionError("the job did not finish in 2 minutes after its TaskManager was lost");
            }
            AccessExecutionGraph after =
                    cluster.cluster().getArchivedExecutionGraph(job.getJobID()).get();
            List<Integer> attempts = new ArrayList<>();
            for (AccessExecutionVertex subtask : after.getAllExecutionVertices()) {
                AccessExecution execution = subtask.getCurrentExecutionAttempt();
                attempts.add(execution.getAttemptNumber());
            }
            return new Recovered(
                    lastCompleted,
                    after.getCheckpointStatsSnapshot(),
                    taskManagers(before),
                    taskManagers(after),
                    attempts,
                    committedLines(folder));
        }
    }

    /** The lines of the files under {@code folder} whose names do not begin with a dot (the committed ones). */
    private static List<String> committedLines(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            List<String> lines = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .toList()) {
                lines.addAll(Files.readAllLines(file));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Lesson
    @Order(8)
    @DisplayName("a TaskManager lost mid-job: restarted from the last completed checkpoint, every label committed once")
    void aTaskManagerLost() throws Exception {
        Recovered recovered = loseATaskManager();

        assertThat(recovered.checkpoints().getLatestRestoredCheckpoint())
                .as("the checkpoint the job was restored from")
                .isNotNull();
        assertThat(recovered.checkpoints().getLatestRestoredCheckpoint().getCheckpointId())
                .as("the checkpoint restored: the last one completed before the TaskManager was lost")
                .isEqualTo(recovered.lastCompletedBeforeKill());
        assertThat(recovered.attemptsAfter())
                .as("the attempt of each subtask that finished: all restarted once (a rebalance joins them in one"
                        + " pipelined region)")
                .containsOnly(1);
        assertThat(recovered.taskManagersBefore())
                .as("TaskManagers the job ran on first")
                .hasSize(2);
        Set<ResourceID> remaining = new HashSet<>(recovered.taskManagersAfter());
        remaining.retainAll(recovered.taskManagersBefore());
        assertThat(recovered.taskManagersAfter())
                .as("TaskManagers the job finished on: the one that remained and the one started after the loss")
                .hasSize(2);
        assertThat(remaining)
                .as("TaskManagers the job ran on both before and after the loss")
                .hasSize(1);

        Map<String, Long> written = new HashMap<>();
        recovered.committed().forEach(line -> written.merge(line, 1L, Long::sum));
        assertThat(written.entrySet().stream()
                        .filter(line -> line.getValue() > 1)
                        .map(Map.Entry::getKey)
                        .sorted()
                        .toList())
                .as("labels committed more than once: the rows after the last completed checkpoint were written,"
                        + " then replayed after the restart. A sink must commit only what a completed checkpoint"
                        + " covers (a file sink rolls and commits its files on checkpoints)")
                .isEmpty();
        assertThat(LABELS.stream().filter(label -> !written.containsKey(label)).toList())
                .as("labels never committed")
                .isEmpty();
        assertThat(recovered.committed()).as("committed lines").hasSize(LABELS.size());
    }

    @Test
    @Order(9)
    @DisplayName("main prints the tasks of each layout and the slots each needs")
    void mainPrintsTasks() throws Exception {
        String printed = Output.capture(() -> FlinkArchitecture.main(new String[0]));

        assertThat(printed)
                .contains(
                        "as written             2 slots: [Source: numbers -> label -> output: Writer x2]",
                        "label alone            2 slots: [Source: numbers x2, label x2, output: Writer x2]",
                        "new chain at label     2 slots: [Source: numbers x2, label -> output: Writer x2]",
                        "keyed label            2 slots: [Source: numbers x2, label -> output: Writer x2]",
                        "label on one subtask   2 slots: [Source: numbers x2, label x1, output: Writer x2]",
                        "sink in its own slots  4 slots: [Source: numbers x2, label x2, output: Writer x2]");
    }
}
