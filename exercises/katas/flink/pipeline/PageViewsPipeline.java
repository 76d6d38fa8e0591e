package katas.flink.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import katas.domain.PageViewCount;
import katas.support.CountAggregate;
import katas.support.EmitPageViewCount;
import katas.support.Fixtures;
import katas.support.LocalKafka;
import katas.support.NotImplementedYet;
import katas.support.SqlDatabase;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.IntCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;

/**
 * The guide's hands-on Flink job, end to end against real infrastructure: JSON clicks from a Kafka topic,
 * counted per page in 10-minute event-time windows (watermarks 5 seconds behind), written to the SQL table
 * {@code page_views}. A replay of the topic must leave the table as it was: the sink updates the row of a
 * page and window rather than adding another.
 *
 * <pre>
 * {"userId": "u1", "page": "home", "clickTime": "2025-12-08 10:00:00"}     (topic clicks, times in UTC)
 * {"userId": "u2", "page": "products", "clickTime": "2025-12-08 10:01:00"}
 * ...
 * page_views:  home      2025-12-08T10:00  2025-12-08T10:10  3
 *              products  2025-12-08T10:00  2025-12-08T10:10  1
 *              checkout  2025-12-08T10:00  2025-12-08T10:10  1
 * </pre>
 *
 * A line that is not a click (not JSON, a field missing, a time that does not parse) is skipped and counted
 * in the accumulator {@link #MALFORMED_CLICKS}; it never fails the job. Part 1 parses, part 2 counts, part 3
 * connects the job to Kafka and the database.
 */
public final class PageViewsPipeline {

    public static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    public static final Duration WINDOW = Duration.ofMinutes(10);
    /** The accumulator that counts the lines that are not clicks. */
    public static final String MALFORMED_CLICKS = "malformed-clicks";
    /** The sink's table: one row per page and window, so that a row can be updated in place. */
    public static final String CREATE_TABLE = """
            CREATE TABLE IF NOT EXISTS page_views (
                page VARCHAR(200) NOT NULL,
                window_start TIMESTAMP(3) NOT NULL,
                window_end TIMESTAMP(3) NOT NULL,
                view_count BIGINT NOT NULL,
                PRIMARY KEY (page, window_start)
            )""";

    private static final DateTimeFormatter CLICK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A click as the topic carries it, with its time in epoch milliseconds. */
    public record ClickEvent(String userId, String page, long clickTime) {}

    private PageViewsPipeline() {}

    /**
     * Part 1: the click of one JSON line, with {@code clickTime} ({@code yyyy-MM-dd HH:mm:ss}, UTC) in epoch
     * milliseconds; empty when the line is not JSON or lacks a text {@code userId}, {@code page} or
     * {@code clickTime}.
     */
    public static Optional<ClickEvent> parse(String line) {
        throw new NotImplementedYet();
    }

    /** Part 1: the clicks of the lines; each line that is not one adds 1 to {@link #MALFORMED_CLICKS}. */
    public static class ParseClicks extends RichFlatMapFunction<String, ClickEvent> {

        // The counter goes here.

        @Override
        public void open(OpenContext openContext) {
            // Register the counter as the accumulator MALFORMED_CLICKS here.
        }

        @Override
        public void flatMap(String line, Collector<ClickEvent> out) {
            throw new NotImplementedYet();
        }
    }

    /** Part 2: event time from {@code clickTime}, watermarks {@link #MAX_OUT_OF_ORDERNESS} behind the newest click. */
    public static WatermarkStrategy<ClickEvent> watermarks() {
        throw new NotImplementedYet();
    }

    /**
     * Part 2: per page and 10-minute tumbling event-time window, the number of clicks. The tests drive the
     * window operator itself: return its output, with nothing after it.
     */
    public static SingleOutputStreamOperator<PageViewCount> countPerPage(DataStream<ClickEvent> clicks) {
        throw new NotImplementedYet();
    }

    /**
     * Part 3: the lines of {@code topic}, from its first record to the last one there when the job starts:
     * a bounded slice, so that the job ends once it has read them.
     */
    public static KafkaSource<String> clicksFrom(String bootstrapServers, String topic) {
        throw new NotImplementedYet();
    }

    /**
     * Part 3: a sink that writes each count into {@code page_views}, inserting the row of a page and window
     * or updating it when it is there (MySQL's {@code INSERT ... ON DUPLICATE KEY UPDATE}), with the window's
     * bounds as UTC {@code TIMESTAMP}s.
     */
    public static JdbcSink<PageViewCount> upsertInto(SqlDatabase database) {
        throw new NotImplementedYet();
    }

    /** The UTC date and time of {@code epochMillis}, for a {@code TIMESTAMP} column. */
    private static LocalDateTime utc(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    /** The job: Kafka, parsing, event time, the windowed count, the upsert. */
    public static void build(
            StreamExecutionEnvironment env, String bootstrapServers, String topic, SqlDatabase database) {
        DataStream<String> lines = env.fromSource(
                clicksFrom(bootstrapServers, topic), WatermarkStrategy.noWatermarks(), "kafka: " + topic);
        DataStream<ClickEvent> clicks = lines.flatMap(new ParseClicks()).assignTimestampsAndWatermarks(watermarks());
        countPerPage(clicks).sinkTo(upsertInto(database));
    }

    /** The rows of {@code page_views}, ordered by window and page, one line each. */
    public static List<String> tableRows(SqlDatabase database) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT page, window_start, window_end, view_count FROM page_views ORDER BY window_start, page")) {
            while (result.next()) {
                rows.add(String.join(
                        " ",
                        result.getString("page"),
                        result.getObject("window_start", LocalDateTime.class).toString(),
                        result.getObject("window_end", LocalDateTime.class).toString(),
                        String.valueOf(result.getLong("view_count"))));
            }
        }
        return rows;
    }

    public static void main(String[] args) throws Exception {
        SqlDatabase database = SqlDatabase.fromEnvironmentOr("page_views_main");
        // The JVM's broker when it has one (a warm test run), else one of its own, stopped at the end.
        try (LocalKafka kafka = LocalKafka.sharedOrStart()) {
            System.out.println("Kafka broker started in " + kafka.startMillis() + " ms");
            String topic = "clicks-" + UUID.randomUUID(); // a shared broker may hold an earlier run's clicks
            LocalKafka.createTopic(kafka.bootstrapServers(), topic);
            List<String> lines = new ArrayList<>(Files.readAllLines(Fixtures.path("clicks.json")));
            lines.add("this line is not a click");
            LocalKafka.send(kafka.bootstrapServers(), topic, lines);
            database.execute("DROP TABLE IF EXISTS page_views", CREATE_TABLE);

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            build(env, kafka.bootstrapServers(), topic, database);
            JobExecutionResult result = env.execute("Page Views Streaming Job");

            tableRows(database).forEach(System.out::println);
            System.out.println("malformed lines skipped: " + result.getAccumulatorResult(MALFORMED_CLICKS));
        } finally {
            database.execute("DROP TABLE IF EXISTS page_views");
        }
    }
}
