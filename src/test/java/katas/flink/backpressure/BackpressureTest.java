package katas.flink.backpressure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import katas.support.FinishedTasks;
import katas.support.SlowStore;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SharedMiniCluster;
import katas.testing.SparkSql;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs run on the shared MiniCluster; what they did is read afterwards from the source task's own
 * metrics (accumulated back-pressured time, records out) over its running time on the cluster's clock, so
 * the test neither sleeps nor polls. The store's latency is what the test sets: 10 ms, so that one writer
 * that waits for each acknowledgement takes at most 100 rows a second, a tenth of the source's rate. The
 * bounds leave wide margins for a loaded machine: a slower machine makes the slow sink slower still and
 * only adds back-pressure, and the fast runs need a tenth of one core.
 */
@Tag("backpressure")
@ExtendWith(SharedMiniCluster.class)
class BackpressureTest {

    private static final Duration LATENCY = Duration.ofMillis(10);
    /** What one writer that waits for each acknowledgement can take, at most, per second. */
    private static final double ONE_WRITER_RATE = 1000.0 / LATENCY.toMillis();
    /** Rows of the jobs whose sink is slower than the source: about 3 s for one writer. */
    private static final int SLOW_ROWS = 300;
    /** Rows of the jobs whose sink keeps up: about 1 s at the source's rate. */
    private static final int FAST_ROWS = 1000;

    private static final int ASYNC_CAPACITY = 20;

    /** Set -Dbackpressure.print=true to print each job's source metrics (for measuring, not for learners). */
    private static final boolean PRINT = Boolean.getBoolean("backpressure.print");

    record Run(SlowStore store, FinishedTasks.Task source, long netRuntimeMs) {}

    interface JobOnStore {
        void build(DataStream<Long> ids, SlowStore store);
    }

    /** Builds the job on {@code rows} ids and a store of the given latency, runs it, reads its source task. */
    private static Run run(String name, Duration latency, int rows, JobOnStore job) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // One subtask unless the job asks for more: the row map runs in the source's task.
        env.setParallelism(1);
        SlowStore store = new SlowStore(name + "-" + UUID.randomUUID(), latency);
        job.build(Backpressure.ids(env, rows), store);
        JobExecutionResult result = env.execute("backpressure: " + name);
        FinishedTasks.Task source =
                FinishedTasks.first(FinishedTasks.of(SharedMiniCluster.running(), result.getJobID()), "Source: ids");
        if (PRINT) {
            System.err.printf(
                    "backpressure %s: back-pressured %.0f ms/s, %.0f rows/s, %d rows, running %d ms, max in flight %d%n",
                    name,
                    source.backPressuredMsPerSecond(),
                    source.recordsOutPerSecond(),
                    store.written(),
                    source.runningMs(),
                    store.maxInFlight());
        }
        return new Run(store, source, result.getNetRuntime());
    }

    @Test
    @Order(1)
    @DisplayName("with a sink that keeps up, every row is written and the source runs at its own rate, never held back")
    void fastSinkControl() throws Exception {
        Run fast = run("fast sink", Duration.ZERO, FAST_ROWS, (ids, store) -> Backpressure.writeAll(ids, store, 1));

        assertThat(fast.store().written())
                .as("rows the store acknowledged: write every row, and wait for the store before the next")
                .isEqualTo(FAST_ROWS);
        assertThat(fast.source().backPressuredMsPerSecond())
                .as(
                        "the source's back-pressured ms per second with a store that answers at once (%s); if high, the"
                                + " sink is slow for a reason of its own",
                        fast.source())
                .isLessThanOrEqualTo(100);
        assertThat(fast.source().recordsOutPerSecond())
                .as("the source's rows per second with nothing holding it back (%s)", fast.source())
                .isGreaterThanOrEqualTo(Backpressure.SOURCE_RATE / 2.0);
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("a slow sink back-pressures the source down to the sink's rate, without losing or piling up rows")
    void slowSinkBackpressuresTheSource() throws Exception {
        Run slow = run("slow sink", LATENCY, SLOW_ROWS, (ids, store) -> Backpressure.writeAll(ids, store, 1));

        assertThat(slow.store().written())
                .as("rows the store acknowledged: a sink that drops rows when the store is busy is never slow")
                .isEqualTo(SLOW_ROWS);
        assertThat(slow.store().maxInFlight())
                .as("writes in flight at once with one writer: more than one means rows pile up unacknowledged"
                        + " (a buffer that grows without bound) instead of slowing the source")
                .isEqualTo(1);
        assertThat(slow.source().backPressuredMsPerSecond())
                .as(
                        "the source's back-pressured ms per second (%s): near 0 although the rows came slowly means the"
                                + " sink is chained into the source's task, where slowness shows as busy time, not"
                                + " back-pressure; give the sink a task of its own",
                        slow.source())
                .isGreaterThanOrEqualTo(500);
        assertThat(slow.source().recordsOutPerSecond())
                .as(
                        "the source's rows per second (%s): one writer of %s ms per row takes at most %.0f a second",
                        slow.source(), LATENCY.toMillis(), ONE_WRITER_RATE)
                .isLessThanOrEqualTo(ONE_WRITER_RATE * 1.5);
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("two writers take twice the rows a second: more sink parallelism relieves the source")
    void moreSinkParallelism() throws Exception {
        Run one = run("slow sink, 1 writer", LATENCY, SLOW_ROWS, (ids, store) -> Backpressure.writeAll(ids, store, 1));
        Run two = run("slow sink, 2 writers", LATENCY, SLOW_ROWS, (ids, store) -> Backpressure.writeAll(ids, store, 2));

        assertThat(two.store().written()).as("rows the store acknowledged").isEqualTo(SLOW_ROWS);
        assertThat(two.store().maxInFlight())
                .as("writes in flight at once: one per writer, and sinkParallelism writers")
                .isBetween(1, 2);
        assertThat(two.source().recordsOutPerSecond())
                .as(
                        "the source's rows per second with 2 writers (%s) against 1 writer (%s): the sink must run with"
                                + " the parallelism asked for",
                        two.source(), one.source())
                .isGreaterThanOrEqualTo(one.source().recordsOutPerSecond() * 1.5)
                .isLessThanOrEqualTo(ONE_WRITER_RATE * 2 * 1.5);
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName("asynchronous writes, a bounded number in flight, relieve the source without more writers")
    void asyncWrites() throws Exception {
        Run async = run(
                "async writes",
                LATENCY,
                FAST_ROWS,
                (ids, store) -> Backpressure.writeAllAsync(ids, store, ASYNC_CAPACITY));

        assertThat(async.store().written()).as("rows the store acknowledged").isEqualTo(FAST_ROWS);
        assertThat(async.store().maxInFlight())
                .as("writes in flight at once: at most the capacity asked for, or the buffer grows without bound")
                .isBetween(2, ASYNC_CAPACITY);
        assertThat(async.source().backPressuredMsPerSecond())
                .as(
                        "the source's back-pressured ms per second with %d writes in flight (%s): each waits %d ms, so"
                                + " the writes overlap and keep up with the source",
                        ASYNC_CAPACITY, async.source(), LATENCY.toMillis())
                .isLessThanOrEqualTo(200);
        assertThat(async.source().recordsOutPerSecond())
                .as("the source's rows per second (%s)", async.source())
                .isGreaterThanOrEqualTo(ONE_WRITER_RATE * 4);
    }

    @Test
    @Lesson
    @Order(5)
    @DisplayName("Spark reads a folder as a stream in micro-batches that never exceed the bound")
    void sparkBoundedBatches(@TempDir Path folder) throws Exception {
        Backpressure.writeClicks(folder.resolve("clicks"), 6);
        StreamingQuery query = Backpressure.readInBoundedBatches(
                SparkSql.session(),
                folder.resolve("clicks").toString(),
                8,
                "backpressure_clicks",
                folder.resolve("checkpoint").toString());
        try {
            assertThat(query.isActive())
                    .as("the query must have read every file and stopped when it returns")
                    .isFalse();
            List<Long> batches = Backpressure.rowsPerBatch(query);
            assertThat(batches)
                    .as(
                            "rows per micro-batch from the query's progress, 6 files of %d rows, at most 8 rows a batch:"
                                    + " the bound is in files, and only some triggers respect it",
                            Backpressure.ROWS_PER_FILE)
                    .containsExactly(8L, 8L, 8L);
            assertThat(SparkSql.session().table("backpressure_clicks").count())
                    .as("rows in the memory table")
                    .isEqualTo(24);
        } finally {
            query.stop();
            SparkSql.session().sql("DROP VIEW IF EXISTS backpressure_clicks");
        }
    }

    @Test
    @Order(6)
    @DisplayName("main prints Spark's batches and the Flink jobs' rows")
    void mainPrints() throws Exception {
        String printed = Output.capture(() -> Backpressure.main(new String[0]));

        assertThat(printed)
                .contains("Spark, at most 8 rows a batch: rows per batch [8, 8, 8]")
                .contains("Flink, store latency 0 ms: 100 rows written")
                .contains("Flink, store latency 10 ms: 100 rows written");
    }
}
