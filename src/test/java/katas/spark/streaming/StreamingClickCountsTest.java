package katas.spark.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import katas.domain.Click;
import katas.support.Fixtures;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SparkSql;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple3;
import scala.collection.JavaConverters;

@Tag("streaming-watermark")
class StreamingClickCountsTest {

    private static final List<Click> CLICKS = Fixtures.clicks();
    private static final List<Click> ON_TIME = CLICKS.subList(0, 5);
    private static final Click LATE = CLICKS.get(5);
    private static final long WINDOW_START = 1609459200000L; // 2021-01-01T00:00:00Z
    private static final long NEXT_WINDOW = WINDOW_START + 300_000;

    private static final List<String> ON_TIME_COUNTS = List.of(
            "checkout [2021-01-01T00:00:00Z, 2021-01-01T00:05:00Z) 1",
            "home [2021-01-01T00:00:00Z, 2021-01-01T00:05:00Z) 3",
            "products [2021-01-01T00:00:00Z, 2021-01-01T00:05:00Z) 1");
    private static final String LATE_CLICK_COUNTED = "home [2020-12-31T23:55:00Z, 2021-01-01T00:00:00Z) 1";

    /**
     * No-data batches off: every batch of a test is one it sent. At the default (on), once a batch moves
     * the watermark Spark runs a batch without data at once, and the watermark is in force for the next
     * send; with them off, the batch right after the one that moved it still drops late rows against the
     * watermark before (the class Javadoc of the exercise, ERRATA.md).
     */
    private static final Map<String, String> ONE_BATCH_PER_SEND =
            Map.of("spark.sql.streaming.noDataMicroBatches.enabled", "false");

    /**
     * One state store per query instead of the session's four: Spark splits a stream's state over {@code
     * spark.sql.shuffle.partitions} stores (fixed in the checkpoint when the query first starts), each
     * writing a file every batch, and no test here is about how the state is partitioned.
     */
    private static final Map<String, String> ONE_STATE_STORE = Map.of("spark.sql.shuffle.partitions", "1");

    @TempDir
    Path checkpoints;

    /**
     * The learner's query over an in-memory stream. Each {@link #send} is one micro-batch with data, and
     * returns once Spark has nothing left to run: at the default, after the batch without data that
     * follows a batch that moved the watermark.
     */
    private final class ClickStream implements AutoCloseable {
        private final MemoryStream<Tuple3<String, String, Timestamp>> input = MemoryStream.apply(
                Encoders.tuple(Encoders.STRING(), Encoders.STRING(), Encoders.TIMESTAMP()),
                SparkSql.session().sqlContext());
        private final OutputMode mode;
        private final String table;
        private StreamingQuery query;

        ClickStream(OutputMode mode, String table) throws Exception {
            this.mode = mode;
            this.table = table;
            this.query = startQuery();
        }

        private StreamingQuery startQuery() throws Exception {
            List<StreamingQuery> started = new ArrayList<>(1);
            SparkSql.withSqlConf(
                    ONE_STATE_STORE,
                    () -> started.add(StreamingClickCounts.start(
                            StreamingClickCounts.countPerPage(input.toDF().toDF("userId", "page", "eventTime")),
                            mode,
                            table,
                            checkpoints.resolve(table).toString())));
            return started.get(0);
        }

        /** Stops the query and starts it again, on the same input, table and checkpoint folder. */
        ClickStream restart() throws Exception {
            query.stop();
            query = startQuery();
            return this;
        }

        /** Input rows the running query has read since it started. */
        long rowsRead() {
            return java.util.Arrays.stream(query.recentProgress())
                    .mapToLong(progress -> progress.numInputRows())
                    .sum();
        }

        ClickStream send(List<Click> clicks) {
            input.addData(JavaConverters.asScalaBuffer(clicks.stream()
                    .map(click -> new Tuple3<>(click.userId(), click.page(), new Timestamp(click.timestamp())))
                    .toList()));
            query.processAllAvailable();
            return this;
        }

        /** Every row the sink holds, as "page [start, end) count", in UTC whatever the machine's zone. */
        List<String> written() {
            return SparkSql.session().table(table).collectAsList().stream()
                    .map(ClickStream::describe)
                    .sorted()
                    .toList();
        }

        private static String describe(Row row) {
            return row.getString(2) + " [" + row.getTimestamp(0).toInstant() + ", "
                    + row.getTimestamp(1).toInstant() + ") " + row.getLong(3);
        }

        @Override
        public void close() throws TimeoutException {
            query.stop();
        }
    }

    private static List<String> withLateClick(List<String> counts) {
        return java.util.stream.Stream.concat(counts.stream(), java.util.stream.Stream.of(LATE_CLICK_COUNTED))
                .sorted()
                .toList();
    }

    private static Click click(String page, long timestamp) {
        return new Click("u9", page, timestamp);
    }

    @Test
    @Order(1)
    @DisplayName("each page's clicks are counted per 5-minute event-time window")
    void countsPerWindow() throws Exception {
        try (ClickStream stream = new ClickStream(OutputMode.Update(), "counts_per_window")) {
            assertThat(stream.send(ON_TIME).written())
                    .as("page [window start, end) count")
                    .containsExactlyElementsOf(ON_TIME_COUNTS);
        }
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName(
            "once the watermark has moved, a click whose window ended at or before it is dropped; one whose window is open is counted")
    void lateClickDroppedByItsWindow() throws Exception {
        // Spark's default: no-data batches on, so the watermark the on-time clicks moved is in force at once.
        try (ClickStream stream = new ClickStream(OutputMode.Update(), "late_click_dropped")) {
            stream.send(ON_TIME).send(List.of(LATE));
            assertThat(stream.written())
                    .as(
                            "the watermark is 00:00:15 - 10 s = 00:00:05: the late click's window [23:55, 00:00) ended before it,"
                                    + " so the click (23:59:50) is dropped")
                    .containsExactlyElementsOf(ON_TIME_COUNTS);

            stream.send(List.of(click("home", WINDOW_START + 1_000)));
            assertThat(stream.written())
                    .as(
                            "a click at 00:00:01 is older than the watermark too, but its window [00:00, 00:05) is still open:"
                                    + " counted. Spark drops a row by its window's end, not by its own time")
                    .contains("home [2021-01-01T00:00:00Z, 2021-01-01T00:05:00Z) 4")
                    .doesNotContain(LATE_CLICK_COUNTED);
        }
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName(
            "a window stays open while the newest click is less than 10 seconds past its end, and closes at 10 seconds")
    void delayOfTenSeconds() throws Exception {
        try (ClickStream stream = new ClickStream(OutputMode.Update(), "delay_of_ten_seconds")) {
            stream.send(ON_TIME)
                    .send(List.of(click("products", NEXT_WINDOW + 9_000)))
                    .send(List.of(click("home", NEXT_WINDOW - 1_000)));
            assertThat(stream.written())
                    .as(
                            "newest click 00:05:09, watermark 00:04:59: the window [00:00, 00:05) is open, the click at 00:04:59"
                                    + " (10 s behind the newest) counts. A delay under 10 s would have closed it")
                    .contains("home [2021-01-01T00:00:00Z, 2021-01-01T00:05:00Z) 4");

            stream.send(List.of(click("products", NEXT_WINDOW + 10_000)))
                    .send(List.of(click("checkout", NEXT_WINDOW - 500)));
            assertThat(stream.written())
                    .as(
                            "newest click 00:05:10, watermark 00:05:00, the window's end: it is closed, the click at 00:04:59.5"
                                    + " (10.5 s behind) is dropped. A delay over 10 s would have kept it open")
                    .containsExactlyInAnyOrder(
                            ON_TIME_COUNTS.get(0),
                            ON_TIME_COUNTS.get(1),
                            ON_TIME_COUNTS.get(2),
                            "home [2021-01-01T00:00:00Z, 2021-01-01T00:05:00Z) 4",
                            "products [2021-01-01T00:05:00Z, 2021-01-01T00:10:00Z) 1",
                            "products [2021-01-01T00:05:00Z, 2021-01-01T00:10:00Z) 2");
        }
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName(
            "with no-data batches off, the batch right after the watermark moved still counts a late click; a batch later it is dropped")
    void lateClickDroppedABatchLater() throws Exception {
        SparkSql.withSqlConf(ONE_BATCH_PER_SEND, () -> {
            try (ClickStream stream = new ClickStream(OutputMode.Update(), "late_click_next_batch")) {
                stream.send(ON_TIME).send(List.of(LATE));
                assertThat(stream.written())
                        .as(
                                "the batch right after the watermark moved to 00:00:05 still counts the late click (23:59:50):"
                                        + " Spark drops late rows against the watermark of the batch before (errata)")
                        .containsExactlyElementsOf(withLateClick(ON_TIME_COUNTS));

                stream.send(List.of(LATE));
                assertThat(stream.written())
                        .as(
                                "a batch later the same click is dropped, not counted again: withWatermark(\"eventTime\", \"10 seconds\")")
                        .containsExactlyElementsOf(withLateClick(ON_TIME_COUNTS));
            }
        });
    }

    @Test
    @Lesson
    @Order(5)
    @DisplayName("the same click in the first batch, before any watermark, is counted in its window")
    void lateClickInTheFirstBatchCounted() throws Exception {
        try (ClickStream stream = new ClickStream(OutputMode.Update(), "first_batch_counted")) {
            assertThat(stream.send(CLICKS).written())
                    .as("a watermark only takes effect from the next batch on")
                    .contains(LATE_CLICK_COUNTED)
                    .containsAll(ON_TIME_COUNTS);
        }
    }

    @Test
    @Lesson
    @Order(6)
    @DisplayName("append mode writes a window once, when the watermark has reached its end")
    void appendWritesFinalWindowsOnce() throws Exception {
        try (ClickStream stream = new ClickStream(OutputMode.Append(), "append_once")) {
            assertThat(stream.send(ON_TIME).written())
                    .as("after the on-time clicks: no window is final yet")
                    .isEmpty();

            stream.send(List.of(click("home", NEXT_WINDOW + 9_000)));
            assertThat(stream.written())
                    .as("the watermark (00:05:09 - 10 s = 00:04:59) has not reached the window's end (00:05:00)")
                    .isEmpty();

            stream.send(List.of(click("home", NEXT_WINDOW + 10_000)));
            assertThat(stream.written())
                    .as("now the watermark is 00:05:00, the window's end: the first window is final, written once")
                    .containsExactlyElementsOf(ON_TIME_COUNTS);

            stream.send(List.of(click("products", NEXT_WINDOW + 40_000)));
            assertThat(stream.written())
                    .as("a final window is never written again")
                    .containsExactlyElementsOf(ON_TIME_COUNTS);
        }
    }

    @Test
    @Lesson
    @Order(7)
    @DisplayName("update mode writes the counts each batch changed, as they change")
    void updateWritesChangedCounts() throws Exception {
        try (ClickStream stream = new ClickStream(OutputMode.Update(), "update_changes")) {
            stream.send(ON_TIME).send(List.of(click("home", WINDOW_START + 20_000)));

            assertThat(stream.written())
                    .as("the first batch's three counts, then only home's new count: the sink keeps every row written")
                    .containsExactly(
                            ON_TIME_COUNTS.get(0),
                            ON_TIME_COUNTS.get(1),
                            "home [2021-01-01T00:00:00Z, 2021-01-01T00:05:00Z) 4",
                            ON_TIME_COUNTS.get(2));
        }
    }

    @Test
    @Lesson
    @Order(8)
    @DisplayName(
            "started again on its checkpoint, the query reads only the new clicks and adds them to the counts it had")
    void restartResumesFromTheCheckpoint() throws Exception {
        // Complete mode: the memory sink recovers from a checkpoint in complete mode only.
        try (ClickStream stream = new ClickStream(OutputMode.Complete(), "restarted")) {
            stream.send(ON_TIME).restart().send(List.of(click("home", WINDOW_START + 20_000)));

            assertThat(stream.rowsRead())
                    .as("rows read after the restart: the offsets reached before it are in the checkpoint"
                            + " (option checkpointLocation), so only the new click is read")
                    .isEqualTo(1);
            assertThat(stream.written())
                    .as("the counts before the restart come back from the checkpoint's state, plus the new click")
                    .containsExactly(
                            ON_TIME_COUNTS.get(0),
                            "home [2021-01-01T00:00:00Z, 2021-01-01T00:05:00Z) 4",
                            ON_TIME_COUNTS.get(2));
        }
    }

    @Test
    @Order(9)
    @DisplayName("main streams the guide's clicks in two batches and prints the counts each one changed")
    void mainPrintsCounts() throws Exception {
        String printed = Output.capture(() -> StreamingClickCounts.main(new String[0]));

        assertThat(printed)
                .contains(
                        "|2021-01-01 00:00:00|2021-01-01 00:05:00|home    |3    |",
                        "|2021-01-01 00:00:00|2021-01-01 00:05:00|products|1    |",
                        "|2021-01-01 00:00:00|2021-01-01 00:05:00|checkout|1    |")
                .as(
                        "the late click's file is waiting when the on-time batch ends, so its batch comes right after"
                                + " the one that moved the watermark, with no batch without data between: still counted (errata)")
                .contains("|2020-12-31 23:55:00|2021-01-01 00:00:00|home|1    |");
    }
}
