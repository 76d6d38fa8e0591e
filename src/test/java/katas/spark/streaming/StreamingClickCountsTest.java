package katas.spark.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
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

    // Results come only from batches with data, so that every batch of a test is one it sent.
    private static final Map<String, String> ONE_BATCH_PER_SEND =
            Map.of("spark.sql.streaming.noDataMicroBatches.enabled", "false");

    @TempDir
    Path checkpoints;

    /** The learner's query over an in-memory stream: each {@link #send} is one micro-batch, run to its end. */
    private final class ClickStream implements AutoCloseable {
        private final MemoryStream<Tuple3<String, String, Timestamp>> input = MemoryStream.apply(
                Encoders.tuple(Encoders.STRING(), Encoders.STRING(), Encoders.TIMESTAMP()),
                SparkSql.session().sqlContext());
        private final String table;
        private final StreamingQuery query;

        ClickStream(OutputMode mode, String table) throws Exception {
            this.table = table;
            this.query = StreamingClickCounts.start(
                    StreamingClickCounts.countPerPage(input.toDF().toDF("userId", "page", "eventTime")),
                    mode,
                    table,
                    checkpoints.resolve(table).toString());
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
        SparkSql.withSqlConf(ONE_BATCH_PER_SEND, () -> {
            try (ClickStream stream = new ClickStream(OutputMode.Update(), "counts_per_window")) {
                assertThat(stream.send(ON_TIME).written())
                        .as("page [window start, end) count")
                        .containsExactlyElementsOf(ON_TIME_COUNTS);
            }
        });
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("a click older than the watermark is dropped once that watermark has been in force for a whole batch")
    void lateClickDropped() throws Exception {
        SparkSql.withSqlConf(ONE_BATCH_PER_SEND, () -> {
            try (ClickStream stream = new ClickStream(OutputMode.Update(), "late_click_dropped")) {
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
    @Order(3)
    @DisplayName("the same click in the first batch, before any watermark, is counted in its window")
    void lateClickInTheFirstBatchCounted() throws Exception {
        SparkSql.withSqlConf(ONE_BATCH_PER_SEND, () -> {
            try (ClickStream stream = new ClickStream(OutputMode.Update(), "first_batch_counted")) {
                assertThat(stream.send(CLICKS).written())
                        .as("a watermark only takes effect from the next batch on")
                        .contains(LATE_CLICK_COUNTED)
                        .containsAll(ON_TIME_COUNTS);
            }
        });
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName("append mode writes a window once, when the watermark has passed its end")
    void appendWritesFinalWindowsOnce() throws Exception {
        SparkSql.withSqlConf(ONE_BATCH_PER_SEND, () -> {
            try (ClickStream stream = new ClickStream(OutputMode.Append(), "append_once")) {
                assertThat(stream.send(ON_TIME).written())
                        .as("after the on-time clicks: no window is final yet")
                        .isEmpty();

                stream.send(List.of(click("home", NEXT_WINDOW + 20_000)));
                assertThat(stream.written())
                        .as("the watermark (00:00:05) has not reached the window's end (00:05:00)")
                        .isEmpty();

                stream.send(List.of(click("home", NEXT_WINDOW + 30_000)));
                assertThat(stream.written())
                        .as("now the watermark is 00:05:10: the first window is final, written once")
                        .containsExactlyElementsOf(ON_TIME_COUNTS);

                stream.send(List.of(click("products", NEXT_WINDOW + 40_000)));
                assertThat(stream.written())
                        .as("a final window is never written again")
                        .containsExactlyElementsOf(ON_TIME_COUNTS);
            }
        });
    }

    @Test
    @Lesson
    @Order(5)
    @DisplayName("update mode writes the counts each batch changed, as they change")
    void updateWritesChangedCounts() throws Exception {
        SparkSql.withSqlConf(ONE_BATCH_PER_SEND, () -> {
            try (ClickStream stream = new ClickStream(OutputMode.Update(), "update_changes")) {
                stream.send(ON_TIME).send(List.of(click("home", WINDOW_START + 20_000)));

                assertThat(stream.written())
                        .as(
                                "the first batch's three counts, then only home's new count: the sink keeps every row written")
                        .containsExactly(
                                ON_TIME_COUNTS.get(0),
                                ON_TIME_COUNTS.get(1),
                                "home [2021-01-01T00:00:00Z, 2021-01-01T00:05:00Z) 4",
                                ON_TIME_COUNTS.get(2));
            }
        });
    }

    @Test
    @Order(6)
    @DisplayName("main streams the guide's clicks in two batches and prints the counts each one changed")
    void mainPrintsCounts() throws Exception {
        String printed = Output.capture(() -> StreamingClickCounts.main(new String[0]));

        assertThat(printed)
                .contains(
                        "|2021-01-01 00:00:00|2021-01-01 00:05:00|home    |3    |",
                        "|2021-01-01 00:00:00|2021-01-01 00:05:00|products|1    |",
                        "|2021-01-01 00:00:00|2021-01-01 00:05:00|checkout|1    |")
                .as("the late click comes in the batch right after the watermark moved: still counted (errata)")
                .contains("|2020-12-31 23:55:00|2021-01-01 00:00:00|home|1    |");
    }
}
