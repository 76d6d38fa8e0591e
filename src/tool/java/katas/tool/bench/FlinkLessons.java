package katas.tool.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import katas.support.Generators;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** The Flink lessons' claims, each a job on a local MiniCluster over a generated sequence. */
final class FlinkLessons {

    private FlinkLessons() {}

    static List<Lesson> all() {
        return List.of(new StateBackends(), new KeySkew());
    }

    private static final int PARALLELISM = 2;

    /** The accumulators of {@link CountPerKey}, one per subtask. */
    private static final String RECORDS_OF_SUBTASK = "records of subtask ";

    /** A lesson whose variants are jobs on a MiniCluster in this JVM, over {@code records} generated ids. */
    abstract static class FlinkLesson implements Lesson {
        protected long records;
        private Path scratch;

        @Override
        public String where() {
            return "a Flink MiniCluster in this JVM";
        }

        @Override
        public void prepare(Scale scale, Path scratch) {
            records = scale.rows;
            this.scratch = scratch;
        }

        /** A local environment whose MiniCluster keeps its files (uploads, spills, RocksDB's) in the scratch folder. */
        protected StreamExecutionEnvironment environment(Configuration configuration, int parallelism) {
            configuration.set(
                    WebOptions.UPLOAD_DIR, scratch.resolve("web-upload").toString());
            configuration.set(CoreOptions.TMP_DIRS, scratch.toString());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
            env.setParallelism(parallelism);
            return env;
        }
    }

    /** A count per key in keyed state, each record read and written back: the work a state backend does. */
    static final class CountPerKey extends RichMapFunction<Long, Long> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<Long> count;
        private transient LongCounter records;

        @Override
        public void open(OpenContext openContext) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
            records = new LongCounter();
            getRuntimeContext()
                    .addAccumulator(
                            RECORDS_OF_SUBTASK
                                    + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                            records);
        }

        @Override
        public Long map(Long key) throws Exception {
            Long seen = count.value();
            long next = seen == null ? 1 : seen + 1;
            count.update(next);
            records.add(1);
            return next;
        }
    }

    /** A hash of the record's id and the seed, in [0, bound): the key of a generated record. */
    static long draw(long id, long bound) {
        long mixed = (id ^ Generators.SEED) * 0x9E3779B97F4A7C15L;
        return Math.floorMod(mixed ^ (mixed >>> 31), bound);
    }

    /** Guide 4.4: heap state for small state, RocksDB for large. */
    static final class StateBackends extends FlinkLesson {
        private static final String KEYS = "keys in state";
        private static final String RATE = "records per second (job start included)";

        @Override
        public About about() {
            return new About(
                    "flink-tuning",
                    "4.4: rocksdb for large state (>1GB), hashmap for small",
                    List.of("rocksdb", "hashmap"));
        }

        @Override
        public Map<String, Double> run(String variant) throws Exception {
            Configuration configuration = new Configuration();
            configuration.set(StateBackendOptions.STATE_BACKEND, variant);
            StreamExecutionEnvironment env = environment(configuration, PARALLELISM);
            long keys = records / 10;
            long started = System.nanoTime();
            env.fromSequence(0, records - 1)
                    .keyBy(id -> draw(id, keys))
                    .map(new CountPerKey())
                    .sinkTo(new DiscardingSink<>());
            env.execute("state backend " + variant);
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Double> evidence = new LinkedHashMap<>();
            evidence.put(KEYS, (double) keys);
            evidence.put(RATE, records / seconds);
            return evidence;
        }

        @Override
        public String verdict(Result result) {
            return result.verdict(
                    "hashmap",
                    ("%.0f records a second on the heap against %.0f in RocksDB, %.0f keys: RocksDB serializes every"
                                    + " read and write; it pays off where the state would not fit in the heap")
                            .formatted(
                                    result.evidence("hashmap", RATE),
                                    result.evidence("rocksdb", RATE),
                                    result.evidence("hashmap", KEYS)));
        }
    }

    /** Guide 4.3 ex.4 and 7: a hot key keyed as it is, or salted, counted per subtask. */
    static final class KeySkew extends FlinkLesson {
        private static final int SUBTASKS = 4;
        private static final int SALTS = 8;
        private static final String BUSIEST = "records of the busiest subtask";
        private static final String QUIETEST = "records of the quietest subtask";

        @Override
        public About about() {
            return new About(
                    "flink-skew", "7: Skew on Flink: rebalance(), custom partitioner", List.of("keyBy page", "salted"));
        }

        @Override
        public Map<String, Double> run(String variant) throws Exception {
            StreamExecutionEnvironment env = environment(new Configuration(), SUBTASKS);
            boolean salted = variant.equals("salted");
            // Half the records on page 0, the hot page; the rest over 1,000 pages.
            env.fromSequence(0, records - 1)
                    .keyBy(id -> {
                        long page = draw(id, 2) == 0 ? 0 : 1 + draw(id + 1, 1000);
                        return salted ? page * SALTS + draw(id + 2, SALTS) : page;
                    })
                    .map(new CountPerKey())
                    .sinkTo(new DiscardingSink<>());
            JobExecutionResult result = env.execute("key skew " + variant);
            List<Long> perSubtask = IntStream.range(0, SUBTASKS)
                    .mapToObj(subtask -> (Long) result.getAccumulatorResult(RECORDS_OF_SUBTASK + subtask))
                    .sorted()
                    .toList();
            Map<String, Double> evidence = new LinkedHashMap<>();
            evidence.put(BUSIEST, (double) perSubtask.get(SUBTASKS - 1));
            evidence.put(QUIETEST, (double) perSubtask.get(0));
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
                                    SUBTASKS,
                                    result.evidence("keyBy page", BUSIEST),
                                    result.evidence("salted", BUSIEST),
                                    result.evidence("keyBy page", QUIETEST),
                                    result.evidence("salted", QUIETEST)));
        }
    }
}
