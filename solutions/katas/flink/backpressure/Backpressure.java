package katas.flink.backpressure;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import katas.support.LocalSpark;
import katas.support.SlowStore;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Guide 2.5 and part 7, backpressure: what happens when the sink is slower than the source.
 *
 * <p><b>Flink.</b> A source emits {@code count} ids at {@link #SOURCE_RATE} a second; each id becomes a
 * row of {@link #ROW_CHARS} characters and is written to a {@link SlowStore}, whose writes are each
 * acknowledged {@code latency} after they are sent (10 ms: one writer that waits for each acknowledgement
 * takes 100 rows a second). The tests run each job on a MiniCluster and read Flink's own task metrics
 * afterwards: the source task's back-pressured time per second of its life, and its output rate.
 *
 * <pre>
 * slow sink, 1 writer:    source back-pressured ~900 ms/s, emits ~100 rows/s  (the sink's rate)
 * fast sink (latency 0):  source back-pressured    ~0 ms/s, emits ~1000 rows/s (its own rate)
 * slow sink, 2 writers:   source emits ~200 rows/s
 * async writes, 20 at once: source back-pressured ~0 ms/s, emits ~1000 rows/s
 * </pre>
 *
 * Rules the tests rely on: every row reaches the store, and a writer has no more writes in flight than it
 * is allowed (one for the sink, {@code capacity} for the asynchronous writes): a sink that drops rows or
 * piles up unacknowledged writes is never slow, so it hides the problem instead of passing it upstream.
 * The source must see the sink's slowness in its back-pressured time, so the sink runs in a task of its
 * own, with the parallelism asked for.
 *
 * <p><b>Spark.</b> A folder of CSV files of {@link #ROWS_PER_FILE} rows each ({@code userId,page}), read as
 * a stream to its end: no micro-batch may take more than {@code maxRowsPerBatch} rows, as the query's own
 * progress reports show them.
 *
 * <pre>
 * 6 files of 4 rows, at most 8 rows a batch:  rows per batch [8, 8, 8]
 * </pre>
 */
public final class Backpressure {

    /** The rows a second the source emits when nothing holds it back. */
    public static final int SOURCE_RATE = 1000;
    /** Characters per row: a few rows fill a network buffer, so little is in flight between the tasks. */
    public static final int ROW_CHARS = 8 * 1024;
    /** The rows of each CSV file the Spark query reads. */
    public static final int ROWS_PER_FILE = 4;

    private Backpressure() {}

    /** A bounded source of {@code count} ids, 0 to count - 1, at {@link #SOURCE_RATE} a second, one subtask. */
    public static DataStream<Long> ids(StreamExecutionEnvironment env, long count) {
        DataGeneratorSource<Long> source =
                new DataGeneratorSource<>(index -> index, count, new EvenRate(SOURCE_RATE), Types.LONG);
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "ids").setParallelism(1);
    }

    /**
     * At most {@code perSecond} records a second, evenly spaced. Unlike {@code RateLimiterStrategy.perSecond}, it
     * saves no permits while the source waits for its split, so the source never starts with a burst.
     */
    record EvenRate(int perSecond) implements RateLimiterStrategy<NumberSequenceSplit> {
        @Override
        public RateLimiter<NumberSequenceSplit> createRateLimiter(int parallelism) {
            long interval = TimeUnit.SECONDS.toNanos(1) * parallelism / perSecond;
            return new RateLimiter<>() {
                private long next = System.nanoTime();

                @Override
                public CompletionStage<Void> acquire(int permits) {
                    long now = System.nanoTime();
                    long slot = Math.max(next, now);
                    next = slot + interval * permits;
                    return slot <= now
                            ? CompletableFuture.completedFuture(null)
                            : CompletableFuture.runAsync(
                                    () -> {},
                                    CompletableFuture.delayedExecutor(slot - now, NANOSECONDS, Runnable::run));
                }
            };
        }
    }

    /** The row written for an id: the id, then padding up to {@link #ROW_CHARS} characters. */
    public static String row(long id) {
        String prefix = id + ",";
        return prefix + "x".repeat(ROW_CHARS - prefix.length());
    }

    /** A sink that writes each row to the store: the slow sink of the exercise. */
    public record StoreSink(SlowStore store) implements Sink<String> {
        @Override
        public SinkWriter<String> createWriter(WriterInitContext context) {
            return new StoreWriter(store);
        }
    }

    /** Writes each row to the store; what a writer does while the store has not acknowledged is the lesson. */
    static final class StoreWriter implements SinkWriter<String> {
        private final SlowStore store;

        StoreWriter(SlowStore store) {
            this.store = store;
        }

        @Override
        public void write(String row, Context context) {
            // @kata:solution
            store.write(row).join();
            // @kata:end
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }

    /**
     * The job: each id becomes its {@link #row}, and every row is written through a {@link StoreSink} to
     * {@code store} by {@code sinkParallelism} writers. The source must feel a slow sink as back-pressure.
     */
    public static void writeAll(DataStream<Long> ids, SlowStore store, int sinkParallelism) {
        // @kata:solution
        ids.map(Backpressure::row)
                .name("row")
                .rebalance()
                .sinkTo(new StoreSink(store))
                .name("store")
                .setParallelism(sinkParallelism);
        // @kata:end
    }

    /**
     * The same job with one task that keeps up to {@code capacity} writes to {@code store} in flight at once,
     * passing each row on when the store acknowledged it; what it passes on is discarded.
     */
    public static void writeAllAsync(DataStream<Long> ids, SlowStore store, int capacity) {
        // @kata:solution
        DataStream<String> rows = ids.map(Backpressure::row).name("row").rebalance();
        AsyncDataStream.unorderedWait(rows, new AsyncStoreWrite(store), 1, TimeUnit.MINUTES, capacity)
                .name("store")
                .sinkTo(new DiscardingSink<>());
        // @kata:end
    }

    // @kata:solution
    /** One asynchronous write: the row goes on when the store acknowledged it. */
    static final class AsyncStoreWrite implements AsyncFunction<String, String> {
        private final SlowStore store;

        AsyncStoreWrite(SlowStore store) {
            this.store = store;
        }

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
    // @kata:stub
    // Your asynchronous write goes here, if your writeAllAsync needs one: it passes the row on once the store
    // acknowledged it, and fails when the write fails.
    // @kata:end

    /**
     * Spark: reads every CSV file ({@code userId,page}, no header, {@link #ROWS_PER_FILE} rows each) in
     * {@code folder} as a stream into the in-memory table {@code table}, in micro-batches of at most
     * {@code maxRowsPerBatch} rows, keeping its progress in {@code checkpoint}; returns the query once it has
     * read every file and stopped.
     */
    public static StreamingQuery readInBoundedBatches(
            SparkSession spark, String folder, int maxRowsPerBatch, String table, String checkpoint) throws Exception {
        StructType schema = new StructType().add("userId", DataTypes.StringType).add("page", DataTypes.StringType);
        // @kata:solution
        StreamingQuery query = spark.readStream()
                .schema(schema)
                .option("maxFilesPerTrigger", maxRowsPerBatch / ROWS_PER_FILE)
                .csv(folder)
                .writeStream()
                .format("memory")
                .queryName(table)
                .option("checkpointLocation", checkpoint)
                .trigger(Trigger.AvailableNow())
                .start();
        query.awaitTermination();
        return query;
        // @kata:end
    }

    /** The rows of each micro-batch that read any, from the query's progress reports. */
    public static List<Long> rowsPerBatch(StreamingQuery query) {
        return Stream.of(query.recentProgress())
                .map(StreamingQueryProgress::numInputRows)
                .filter(rows -> rows > 0)
                .toList();
    }

    /** Writes {@code files} CSV files of {@link #ROWS_PER_FILE} rows each into {@code folder}. */
    public static void writeClicks(Path folder, int files) {
        try {
            Files.createDirectories(folder);
            for (int file = 0; file < files; file++) {
                StringBuilder rows = new StringBuilder();
                for (int row = 0; row < ROWS_PER_FILE; row++) {
                    rows.append("u").append(file * ROWS_PER_FILE + row).append(",home\n");
                }
                Files.writeString(folder.resolve("clicks-" + file + ".csv"), rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Path scratch = Files.createTempDirectory("backpressure-");
        try {
            writeClicks(scratch.resolve("clicks"), 6);
            StreamingQuery query = readInBoundedBatches(
                    LocalSpark.session(),
                    scratch.resolve("clicks").toString(),
                    8,
                    "bounded_clicks",
                    scratch.resolve("checkpoint").toString());
            LocalSpark.session().sql("DROP VIEW IF EXISTS bounded_clicks");
            System.out.println("Spark, at most 8 rows a batch: rows per batch " + rowsPerBatch(query));
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        for (Duration latency : List.of(Duration.ZERO, Duration.ofMillis(10))) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            SlowStore store = new SlowStore("main-" + latency.toMillis() + "-" + System.nanoTime(), latency);
            writeAll(ids(env, 100), store, 1);
            JobExecutionResult result = env.execute("backpressure, latency " + latency.toMillis() + " ms");
            System.out.printf(
                    "Flink, store latency %d ms: %d rows written in %d ms%n",
                    latency.toMillis(), store.written(), result.getNetRuntime());
        }
    }
}
