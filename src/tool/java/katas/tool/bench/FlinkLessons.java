package katas.tool.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import katas.support.FinishedTasks;
import katas.support.Generators;
import katas.support.MiniClusters;
import katas.support.SlowStore;
import katas.support.cluster.ClusterJob;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The Flink lessons' claims, each a job on a MiniCluster in this JVM over a generated sequence; the evidence
 * is what the job's tasks reported to the JobManager when they finished (Flink's own task metrics).
 */
final class FlinkLessons {

    private FlinkLessons() {}

    /** The Flink session of {@code kata cluster start flink}: its REST API and the jar that ships the lessons' classes. */
    record Session(String restAddress, Path jar) {}

    /** The lessons, their jobs on {@code session} where there is one and they can run there. */
    static List<Lesson> all(Optional<Session> session) {
        return List.of(new StateBackends(session), new KeySkew(session), new Backpressure());
    }

    /** The name of the keyed counting operator, which starts the name of its task. */
    private static final String COUNT = "count per key";

    /**
     * A lesson whose variants are jobs over {@code records} generated ids, on a MiniCluster it starts once in this
     * JVM, or on the Flink session.
     */
    abstract static class FlinkLesson implements Lesson {
        private static final int MINI_CLUSTER_SLOTS = 4;

        private final Optional<Session> session;
        protected long records;
        /** The slots of the cluster the jobs run on. */
        protected int slots;

        private MiniCluster cluster;
        private RestClusterClient<StandaloneClusterId> client;

        FlinkLesson(Optional<Session> session) {
            this.session = session;
        }

        @Override
        public String where() {
            return session.map(running -> "the Flink session at " + running.restAddress() + " (" + slots + " slots)")
                    .orElse("a Flink MiniCluster in this JVM (1 TaskManager, " + slots + " slots)");
        }

        @Override
        public void prepare(Scale scale, Path scratch) throws Exception {
            records = records(scale);
            if (session.isPresent()) {
                URI rest = URI.create(session.get().restAddress());
                Configuration address = new Configuration();
                address.set(RestOptions.ADDRESS, rest.getHost());
                address.set(RestOptions.PORT, rest.getPort());
                client = new RestClusterClient<>(address, StandaloneClusterId.getInstance());
                slots = ClusterJob.json(rest + "/overview").path("slots-total").asInt();
            } else {
                cluster = MiniClusters.start(new Configuration(), scratch, 1, MINI_CLUSTER_SLOTS);
                slots = MINI_CLUSTER_SLOTS;
            }
        }

        /** The records of a run at this scale. */
        protected long records(Scale scale) {
            return scale.rows;
        }

        /** An environment to build a job in; {@link #execute} runs what it built. */
        protected static StreamExecutionEnvironment environment(Configuration job, int parallelism) {
            StreamExecutionEnvironment env = new StreamExecutionEnvironment(job);
            env.setParallelism(parallelism);
            return env;
        }

        /**
         * Runs the job built in {@code env} to its end (its failure thrown); what it and its tasks reported, and the
         * state backend it ran on (on the session, whose REST API names it only for a job that checkpoints: as asked).
         */
        protected Finished execute(StreamExecutionEnvironment env, String name) throws Exception {
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName(name);
            JobID job = JobID.generate();
            graph.setJobId(job);
            ClassLoader classes = FlinkLessons.class.getClassLoader();
            if (client != null) {
                JobGraph compiled = graph.getJobGraph(classes, job);
                compiled.addJar(
                        new org.apache.flink.core.fs.Path(session.get().jar().toUri()));
                client.submitJob(compiled).get();
                JobExecutionResult result = client.requestJobResult(job).get().toJobExecutionResult(classes);
                return new Finished(
                        result,
                        FinishedTasks.of(session.get().restAddress(), job),
                        env.getConfiguration().get(StateBackendOptions.STATE_BACKEND));
            }
            cluster.submitJob(graph).get();
            JobExecutionResult result = cluster.requestJobResult(job).get().toJobExecutionResult(classes);
            String backend = cluster.getArchivedExecutionGraph(job)
                    .get(1, TimeUnit.MINUTES)
                    .getStateBackendName()
                    .orElse("none");
            return new Finished(result, FinishedTasks.of(cluster, job), backend);
        }

        @Override
        public void close() throws Exception {
            if (client != null) {
                client.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** A finished job: its result (accumulators), its tasks' metrics and the state backend it ran on. */
    record Finished(JobExecutionResult result, List<FinishedTasks.Task> tasks, String stateBackend) {

        /** The subtasks of the task whose chain starts with the operator named {@code name}. */
        List<FinishedTasks.Task> subtasksOf(String name) {
            return tasks.stream().filter(task -> task.vertex().startsWith(name)).toList();
        }
    }

    /**
     * A count per key in keyed state, each record read and written back: the work a state backend does. With
     * {@code measureHeap}, at the end of its input it measures the heap its state holds: the heap in use after
     * a full collection, less the same once every key's state is cleared.
     */
    static final class CountPerKey extends AbstractStreamOperator<Long>
            implements OneInputStreamOperator<Long, Long>, BoundedOneInput {
        private static final long serialVersionUID = 1L;
        static final String HEAP_HELD = "heap bytes held";
        private static final long SETTLED = 256 * 1024;
        private static final ValueStateDescriptor<Long> COUNT_STATE = new ValueStateDescriptor<>("count", Long.class);

        private final boolean measureHeap;
        private transient ValueState<Long> count;

        CountPerKey(boolean measureHeap) {
            this.measureHeap = measureHeap;
        }

        @Override
        public void open() throws Exception {
            super.open();
            count = getRuntimeContext().getState(COUNT_STATE);
        }

        @Override
        public void processElement(StreamRecord<Long> element) throws Exception {
            Long seen = count.value();
            long next = seen == null ? 1 : seen + 1;
            count.update(next);
            output.collect(element.replace(next));
        }

        @Override
        public void endInput() throws Exception {
            if (measureHeap) {
                long withState = heapAfterCollection();
                getKeyedStateBackend()
                        .applyToAllKeys(
                                VoidNamespace.INSTANCE,
                                VoidNamespaceSerializer.INSTANCE,
                                COUNT_STATE,
                                (key, state) -> state.clear());
                getRuntimeContext().addAccumulator(HEAP_HELD, new LongCounter(withState - heapAfterCollection()));
            }
        }

        /**
         * The heap in use once full collections stop freeing memory (objects awaiting a finalizer or a cleaner
         * take a second one), within {@link #SETTLED} bytes, after at most five.
         */
        private static long heapAfterCollection() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long used = Long.MAX_VALUE;
            for (int collection = 0; collection < 5; collection++) {
                memory.gc();
                long now = memory.getHeapMemoryUsage().getUsed();
                if (Math.abs(used - now) < SETTLED) {
                    return now;
                }
                used = now;
            }
            return used;
        }
    }

    /** A hash of the record's id and the seed, in [0, bound): the key of a generated record. */
    static long draw(long id, long bound) {
        long mixed = (id ^ Generators.SEED) * 0x9E3779B97F4A7C15L;
        return Math.floorMod(mixed ^ (mixed >>> 31), bound);
    }

    /** Guide 4.4: heap state for small state, RocksDB for large; one subtask holds every key. */
    static final class StateBackends extends FlinkLesson {
        StateBackends(Optional<Session> session) {
            super(session);
        }

        private static final String KEYS = "keys in state";
        private static final String RATE = "records per second of the counting task";
        private static final String HEAP = "heap MB the state held";

        @Override
        public About about() {
            return new About(
                    "flink-tuning",
                    "4.4: rocksdb for large state (>1GB), hashmap for small",
                    List.of("rocksdb", "hashmap"));
        }

        @Override
        public Map<String, Double> run(String variant) throws Exception {
            Configuration job = new Configuration();
            job.set(StateBackendOptions.STATE_BACKEND, variant);
            StreamExecutionEnvironment env = environment(job, 1);
            long keys = records / 10;
            env.fromSequence(0, records - 1)
                    .keyBy(id -> draw(id, keys))
                    .transform(COUNT, Types.LONG, new CountPerKey(true))
                    .sinkTo(new DiscardingSink<>());
            Finished finished = execute(env, "state backend " + variant);
            if (!finished.stateBackend().toLowerCase().contains(variant)) {
                throw new IllegalStateException(
                        "asked for the " + variant + " state backend, the job ran on " + finished.stateBackend());
            }
            FinishedTasks.Task counting = finished.subtasksOf(COUNT).get(0);
            Map<String, Double> evidence = new LinkedHashMap<>();
            evidence.put(KEYS, (double) keys);
            evidence.put(RATE, 1000.0 * counting.recordsIn() / Math.max(counting.runningMs(), 1));
            // A few bytes below zero are a collection's noise, not state.
            evidence.put(HEAP, Math.max(0, finished.result().<Long>getAccumulatorResult(CountPerKey.HEAP_HELD)) / 1e6);
            return evidence;
        }

        @Override
        public String verdict(Result result) {
            double keys = result.evidence("hashmap", KEYS);
            double heap = result.evidence("hashmap", HEAP);
            return result.verdict(
                    "hashmap",
                    ("the counting task took %.0f records a second on the heap against %.0f in RocksDB, which"
                                    + " serializes every read and write; the heap state of %.0f keys held %.1f MB of"
                                    + " heap (%.0f bytes a key), RocksDB's %.1f MB: its state lives off the heap, in"
                                    + " managed memory and local files, so it pays off where the heap could not hold"
                                    + " the state")
                            .formatted(
                                    result.evidence("hashmap", RATE),
                                    result.evidence("rocksdb", RATE),
                                    keys,
                                    heap,
                                    heap * 1e6 / keys,
                                    result.evidence("rocksdb", HEAP)));
        }
    }

    /** Guide 4.3 ex.4 and 7: a hot key keyed as it is, or salted, counted per subtask, a subtask per slot. */
    static final class KeySkew extends FlinkLesson {
        KeySkew(Optional<Session> session) {
            super(session);
        }

        private static final int SALTS = 8;
        private static final String BUSIEST = "records of the busiest subtask";
        private static final String QUIETEST = "records of the quietest subtask";
        private static final String BUSY_MS = "busy ms of the busiest subtask";

        @Override
        public About about() {
            return new About(
                    "flink-skew", "7: Skew on Flink: rebalance(), custom partitioner", List.of("keyBy page", "salted"));
        }

        @Override
        public Map<String, Double> run(String variant) throws Exception {
            StreamExecutionEnvironment env = environment(new Configuration(), slots);
            boolean salted = variant.equals("salted");
            // Half the records on page 0, the hot page; the rest over 1,000 pages.
            env.fromSequence(0, records - 1)
                    .keyBy(id -> {
                        long page = draw(id, 2) == 0 ? 0 : 1 + draw(id + 1, 1000);
                        return salted ? page * SALTS + draw(id + 2, SALTS) : page;
                    })
                    .transform(COUNT, Types.LONG, new CountPerKey(false))
                    .sinkTo(new DiscardingSink<>());
            List<FinishedTasks.Task> counting = execute(env, "key skew " + variant).subtasksOf(COUNT).stream()
                    .sorted(Comparator.comparingLong(FinishedTasks.Task::recordsIn))
                    .toList();
            Map<String, Double> evidence = new LinkedHashMap<>();
            evidence.put(BUSIEST, (double) counting.get(counting.size() - 1).recordsIn());
            evidence.put(QUIETEST, (double) counting.get(0).recordsIn());
            evidence.put(BUSY_MS, counting.get(counting.size() - 1).busyMs());
            return evidence;
        }

        @Override
        public String verdict(Result result) {
            return result.verdict(
                    "salted",
                    ("the busiest of %d subtasks counted %.0f records keyed by page, %.0f salted (the quietest %.0f"
                                    + " and %.0f); rebalance() before keyBy changes nothing: keyBy sends a key to one"
                                    + " subtask")
                            .formatted(
                                    slots,
                                    result.evidence("keyBy page", BUSIEST),
                                    result.evidence("salted", BUSIEST),
                                    result.evidence("keyBy page", QUIETEST),
                                    result.evidence("salted", QUIETEST)));
        }
    }

    /**
     * Guide 2.5 and 7: a source of {@link #SOURCE_RATE} records a second and a sink that writes each row to a store
     * that acknowledges a write {@link #LATENCY} after it is sent, one write in flight at a time (slower than the
     * source) or {@link #IN_FLIGHT} at once.
     */
    static final class Backpressure extends FlinkLesson {
        /** Always in this JVM: the store counts its writes in the JVM of the job's sink. */
        Backpressure() {
            super(Optional.empty());
        }

        private static final int SOURCE_RATE = 2000;
        private static final Duration LATENCY = Duration.ofMillis(1);
        private static final int IN_FLIGHT = 20;
        /** A few rows fill a network buffer, so that little is in flight between the source and the sink. */
        private static final int ROW_CHARS = 8 * 1024;

        private static final String ONE = "1 in flight";
        private static final String MANY = IN_FLIGHT + " in flight";
        private static final String BACK_PRESSURED = "source back-pressured ms per s";
        private static final String SOURCE_PACE = "source records per s";
        private static final String MOST_IN_FLIGHT = "most writes in flight";

        @Override
        public About about() {
            return new About("backpressure", "2.5: Backpressure makes the upstream slow down", List.of(ONE, MANY));
        }

        /** Two seconds of the source at the default scale. */
        @Override
        protected long records(Scale scale) {
            return scale.rows / 250;
        }

        @Override
        public Map<String, Double> run(String variant) throws Exception {
            StreamExecutionEnvironment env = environment(new Configuration(), 1);
            SlowStore store = new SlowStore("bench-backpressure-" + UUID.randomUUID(), LATENCY);
            DataGeneratorSource<String> source = new DataGeneratorSource<>(
                    id -> id + "," + "x".repeat(ROW_CHARS),
                    records,
                    RateLimiterStrategy.perSecond(SOURCE_RATE),
                    Types.STRING);
            // The sink in a task of its own (rebalance), so that the source's back-pressured time is its doing.
            DataStream<String> rows = env.fromSource(source, WatermarkStrategy.noWatermarks(), "rows")
                    .rebalance();
            AsyncDataStream.unorderedWait(
                            rows, new Write(store), 1, TimeUnit.MINUTES, variant.equals(ONE) ? 1 : IN_FLIGHT)
                    .sinkTo(new DiscardingSink<>());
            FinishedTasks.Task sending =
                    execute(env, "backpressure " + variant).subtasksOf("Source").get(0);
            if (store.written() != records) {
                throw new IllegalStateException("the store acknowledged " + store.written() + " of " + records);
            }
            Map<String, Double> evidence = new LinkedHashMap<>();
            evidence.put(BACK_PRESSURED, sending.backPressuredMsPerSecond());
            evidence.put(SOURCE_PACE, sending.recordsOutPerSecond());
            evidence.put(MOST_IN_FLIGHT, (double) store.maxInFlight());
            return evidence;
        }

        /** Writes a row to the store and passes it on once acknowledged. */
        private record Write(SlowStore store) implements AsyncFunction<String, String> {
            @Override
            public void asyncInvoke(String row, ResultFuture<String> resultFuture) {
                store.write(row).whenComplete((acknowledged, failure) -> {
                    if (failure == null) {
                        resultFuture.complete(List.of(row));
                    } else {
                        resultFuture.completeExceptionally(failure);
                    }
                });
            }
        }

        @Override
        public String verdict(Result result) {
            return result.verdict(
                    MANY,
                    ("a source of %d records a second was back-pressured %.0f ms of each second and sent %.0f"
                                    + " records a second, the pace of a sink with one write of %d ms in flight; with %d"
                                    + " in flight, %.0f ms and %.0f records a second: a source runs at its sink's pace")
                            .formatted(
                                    SOURCE_RATE,
                                    result.evidence(ONE, BACK_PRESSURED),
                                    result.evidence(ONE, SOURCE_PACE),
                                    LATENCY.toMillis(),
                                    IN_FLIGHT,
                                    result.evidence(MANY, BACK_PRESSURED),
                                    result.evidence(MANY, SOURCE_PACE)));
        }
    }
}
