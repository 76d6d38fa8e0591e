package katas.flink.architecture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import katas.support.JobGraphs;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobmanager.scheduler.SlotSharingGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Guide 4.1, 4.2: what the JobManager and the TaskManagers do with a job.
 *
 * <p>One small job throughout: the numbers 1 to 200, a map that labels each ({@code 42} becomes {@code n-0042}),
 * and a sink, at parallelism 2: three operators. The tests run it on MiniClusters of two TaskManagers with one
 * task slot each (a TaskManager has one slot unless {@code taskmanager.numberOfTaskSlots} says more).
 *
 * <p>Part 1, chaining ({@link #tasks} and four layouts). The client turns the program into a job graph and
 * the JobManager schedules its vertices, the tasks, not the operators: Flink chains consecutive operators
 * into one task (one thread per subtask, a record handed on by a method call) when the edge between them is
 * forward (subtask i feeds subtask i), their parallelism is the same, they share a slot sharing group and
 * neither refuses chaining. As written ({@link #labelNumbers}) the job is one task,
 * {@code Source: numbers -> label -> output: Writer x2}. Cut the chain at the map: a task of its own
 * ({@code Source: numbers x2, label x2, output: Writer x2}), a new chain from the map ({@code Source: numbers x2,
 * label -> output: Writer x2}), keyed by the last digit before the map (the same two tasks, joined by a HASH
 * edge), the map on one subtask ({@code Source: numbers x2, label x1, output: Writer x2}, joined by REBALANCE
 * edges).
 *
 * <p>Part 2, slots ({@link #slotsNeeded}, {@link #sinkInItsOwnSlots}). A slot runs one subtask of each task of a
 * slot sharing group, so a job needs, per group, as many slots as its widest task, and the groups add up: the
 * map alone in its task makes 6 subtasks, and they run in the 2 slots; the sink in a group of its own needs 4.
 * On 2 slots that job waits for its slots (at most {@code slot.request.timeout}; the tests set 1 second) and
 * fails with {@code NoResourceAvailableException}; with two more TaskManagers it runs. The tests feed these
 * runs the numbers through a {@code rebalance()}, so that the job is one pipelined region that needs all its
 * slots at once: with forward edges only, each subtask's chain is a region of its own, and a short job may
 * finish in fewer slots, one region after another.
 *
 * <p>Part 3, a TaskManager lost ({@link #exactlyOnceFiles}, {@link #recoverFromCheckpoints}). The tests run the
 * job as written with a source that emits 25 numbers per subtask and checkpoint, kill a TaskManager while the
 * sink holds rows no completed checkpoint covers, and start another. The JobManager restarts the job's tasks
 * from its last completed checkpoint, as the restart strategy allows, on the TaskManager that remained and the
 * new one; the sink's committed files hold every label once: no gap, no duplicate.
 */
public final class FlinkArchitecture {

    /** The first and last number. */
    public static final long FIRST = 1;

    public static final long LAST = 200;

    private FlinkArchitecture() {}

    /** The label of {@code number}: {@code n-0042}. */
    public static String label(long number) {
        return String.format("n-%04d", number);
    }

    /** The numbers {@link #FIRST} to {@link #LAST}, named {@code numbers}. */
    public static DataStream<Long> numbers(StreamExecutionEnvironment env) {
        return env.fromSequence(FIRST, LAST).name("numbers");
    }

    /** The job as written: numbers, the map named {@code label}, the sink named {@code output}. One task. */
    public static void labelNumbers(DataStream<Long> numbers, Sink<String> sink) {
        numbers.map(FlinkArchitecture::label).name("label").sinkTo(sink).name("output");
    }

    /**
     * Part 1: the tasks of {@code job}, from the sources on: each task's name (its chained operators, joined by
     * {@code " -> "}) and its parallelism, as {@code "Source: numbers -> label x2"}.
     */
    public static List<String> tasks(JobGraph job) {
        // @kata:solution
        List<String> tasks = new ArrayList<>();
        for (JobVertex vertex : job.getVerticesSortedTopologicallyFromSources()) {
            tasks.add(vertex.getName() + " x" + vertex.getParallelism());
        }
        return tasks;
        // @kata:end
    }

    /** Part 1: as {@link #labelNumbers}, the label map a task of its own, chained to nothing. Three tasks. */
    public static void labelAlone(DataStream<Long> numbers, Sink<String> sink) {
        // @kata:solution
        numbers.map(FlinkArchitecture::label)
                .name("label")
                .disableChaining()
                .sinkTo(sink)
                .name("output");
        // @kata:end
    }

    /** Part 1: as {@link #labelNumbers}, a new chain begun at the label map. Two tasks. */
    public static void newChainAtLabel(DataStream<Long> numbers, Sink<String> sink) {
        // @kata:solution
        numbers.map(FlinkArchitecture::label)
                .name("label")
                .startNewChain()
                .sinkTo(sink)
                .name("output");
        // @kata:end
    }

    /** Part 1: as {@link #labelNumbers}, the numbers keyed by their last digit before the map. */
    public static void keyedLabel(DataStream<Long> numbers, Sink<String> sink) {
        // @kata:solution
        numbers.keyBy(number -> number % 10)
                .map(FlinkArchitecture::label)
                .name("label")
                .sinkTo(sink)
                .name("output");
        // @kata:end
    }

    /** Part 1: as {@link #labelNumbers}, the label map on one subtask. */
    public static void labelOnOneSubtask(DataStream<Long> numbers, Sink<String> sink) {
        // @kata:solution
        numbers.map(FlinkArchitecture::label)
                .name("label")
                .setParallelism(1)
                .sinkTo(sink)
                .name("output");
        // @kata:end
    }

    /**
     * Part 2: how many task slots {@code job} needs to run: a slot holds one subtask of every task of one slot
     * sharing group.
     */
    public static int slotsNeeded(JobGraph job) {
        // @kata:solution
        Map<SlotSharingGroup, Integer> widest = new HashMap<>();
        for (JobVertex vertex : job.getVertices()) {
            widest.merge(vertex.getSlotSharingGroup(), vertex.getParallelism(), Math::max);
        }
        return widest.values().stream().mapToInt(Integer::intValue).sum();
        // @kata:end
    }

    /** Part 2: as {@link #labelAlone}, the sink in a slot sharing group of its own, named {@code output}. */
    public static void sinkInItsOwnSlots(DataStream<Long> numbers, Sink<String> sink) {
        // @kata:solution
        numbers.map(FlinkArchitecture::label)
                .name("label")
                .disableChaining()
                .sinkTo(sink)
                .name("output")
                .slotSharingGroup("output");
        // @kata:end
    }

    /**
     * Part 3: a sink whose output under {@code folder} is exactly once across a failure: the lines are files
     * directly in the folder, committed only when a checkpoint that covers them completes.
     */
    public static Sink<String> exactlyOnceFiles(Path folder) {
        // @kata:solution
        return FileSink.forRowFormat(
                        new org.apache.flink.core.fs.Path(folder.toUri()), new SimpleStringEncoder<String>())
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .build();
        // @kata:end
    }

    /**
     * Part 3: exactly-once checkpoints every {@code interval}, and a failed job restarted up to 3 times,
     * {@code interval} after the failure.
     */
    public static void recoverFromCheckpoints(StreamExecutionEnvironment env, Duration interval) {
        // @kata:solution
        env.enableCheckpointing(interval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, interval);
        env.configure(restarts);
        // @kata:end
    }

    /**
     * Prints the tasks of each layout and the slots each needs. Nothing runs: the job graph is what the client
     * builds and sends the JobManager, which then asks for slots and deploys its tasks.
     */
    public static void main(String[] args) throws Exception {
        Map<String, Layout> layouts = new LinkedHashMap<>();
        layouts.put("as written", FlinkArchitecture::labelNumbers);
        layouts.put("label alone", FlinkArchitecture::labelAlone);
        layouts.put("new chain at label", FlinkArchitecture::newChainAtLabel);
        layouts.put("keyed label", FlinkArchitecture::keyedLabel);
        layouts.put("label on one subtask", FlinkArchitecture::labelOnOneSubtask);
        layouts.put("sink in its own slots", FlinkArchitecture::sinkInItsOwnSlots);
        for (Map.Entry<String, Layout> layout : layouts.entrySet()) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            layout.getValue().build(numbers(env), new DiscardingSink<>());
            JobGraph job = JobGraphs.of(env);
            System.out.printf("%-22s %d slots: %s%n", layout.getKey(), slotsNeeded(job), tasks(job));
        }
    }

    /** A way to lay out the job. */
    @FunctionalInterface
    interface Layout {
        void build(DataStream<Long> numbers, Sink<String> sink);
    }
}
