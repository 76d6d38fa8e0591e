package katas.flink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import katas.domain.PageViewCount;
import katas.flink.pipeline.PageViewsPipeline.ClickEvent;
import katas.support.Fixtures;
import katas.support.LocalKafka;
import katas.support.SqlDatabase;
import katas.testing.FlinkHarnesses;
import katas.testing.IsolatedMiniCluster;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SharedKafka;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("page-views-pipeline")
class PageViewsPipelineTest {

    private static final SqlDatabase DATABASE = SqlDatabase.fromEnvironmentOr("page_views_tests");
    private static final String GUIDE_LINE =
            "{\"userId\": \"u1\", \"page\": \"home\", \"clickTime\": \"2025-12-08 10:00:00\"}";
    /** The table after the guide's five clicks: home has three (the guide's 4.3 ex.3 prints two, see ERRATA.md). */
    private static final List<String> GUIDE_ROWS = List.of(
            "checkout 2025-12-08T10:00 2025-12-08T10:10 1",
            "home 2025-12-08T10:00 2025-12-08T10:10 3",
            "products 2025-12-08T10:00 2025-12-08T10:10 1");

    /**
     * A zone with daylight saving: on 2025-03-09 its clocks jump from 02:00 to 03:00, so a UTC time of
     * 02:05 that goes through this zone's local time comes back an hour off.
     */
    private static final String DAYLIGHT_SAVING_ZONE = "America/New_York";
    /** Clicks at UTC times that do not exist in New York (they come first: they are the oldest). */
    private static final List<String> CLICKS_IN_THE_SPRING_GAP = List.of(
            "{\"userId\": \"u7\", \"page\": \"home\", \"clickTime\": \"2025-03-09 02:05:00\"}",
            "{\"userId\": \"u8\", \"page\": \"home\", \"clickTime\": \"2025-03-09 02:06:00\"}");
    /** A click of home in the window after the guide's: the table keeps a row per page and window. */
    private static final String HOME_NEXT_WINDOW =
            "{\"userId\": \"u4\", \"page\": \"home\", \"clickTime\": \"2025-12-08 10:12:00\"}";
    /** The table after the topic of {@link #topicLines()}. */
    private static final List<String> TOPIC_ROWS = List.of(
            "home 2025-03-09T02:00 2025-03-09T02:10 2",
            "checkout 2025-12-08T10:00 2025-12-08T10:10 1",
            "home 2025-12-08T10:00 2025-12-08T10:10 3",
            "products 2025-12-08T10:00 2025-12-08T10:10 1",
            "home 2025-12-08T10:10 2025-12-08T10:20 1");

    /** Runs {@code action} with the JVM's default time zone set to {@code zone}, then restores it. */
    private static <T> T inTimeZone(String zone, Callable<T> action) throws Exception {
        TimeZone before = TimeZone.getDefault();
        setDefaultTimeZone(TimeZone.getTimeZone(zone));
        try {
            return action.call();
        } finally {
            setDefaultTimeZone(before);
        }
    }

    /** Sets the JVM's zone; the in-memory H2 caches the zone it first saw, so it is told to read it again. */
    private static void setDefaultTimeZone(TimeZone zone) throws Exception {
        TimeZone.setDefault(zone);
        try {
            Class.forName("org.h2.util.DateTimeUtils")
                    .getMethod("resetCalendar")
                    .invoke(null);
        } catch (ClassNotFoundException noH2) {
            // a real MySQL or MariaDB: no H2 cache to reset
        }
    }

    private static long at(String utcTime) {
        return Instant.parse("2025-12-08T" + utcTime + "Z").toEpochMilli();
    }

    private static List<String> guideTopicWithAMalformedLine() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(Fixtures.path("clicks.json")));
        lines.add(2, "{\"userId\": \"u9\", \"page\": \"home\", \"clickTime\": \"not a time\"}");
        return lines;
    }

    /** Clicks in New York's spring gap, the guide's topic with a malformed line, then home's next window. */
    private static List<String> topicLines() throws Exception {
        List<String> lines = new ArrayList<>(CLICKS_IN_THE_SPRING_GAP);
        lines.addAll(guideTopicWithAMalformedLine());
        lines.add(HOME_NEXT_WINDOW);
        return lines;
    }

    /** A job over an unbounded source would never end: say so before running one. */
    private static void requireBoundedSource() {
        assertThat(PageViewsPipeline.clicksFrom("127.0.0.1:9092", "clicks").getBoundedness())
                .as("the source's boundedness: read the topic up to its latest offset at start (setBounded)")
                .isEqualTo(Boundedness.BOUNDED);
    }

    /** Runs the job over {@code topic} into the test database; returns the job's result. */
    private static JobExecutionResult runPipeline(String topic) throws Exception {
        requireBoundedSource();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PageViewsPipeline.build(env, SharedKafka.bootstrapServers(), topic, DATABASE);
        JobClient job = env.executeAsync("page views from " + topic);
        try {
            return job.getJobExecutionResult().get(2, TimeUnit.MINUTES); // a guard against a hang, not a speed test
        } catch (TimeoutException hung) {
            job.cancel().get();
            throw new AssertionError("the job over " + topic + " did not end in 2 minutes");
        }
    }

    @BeforeEach
    void emptyTable() throws Exception {
        DATABASE.execute("DROP TABLE IF EXISTS page_views", PageViewsPipeline.CREATE_TABLE);
    }

    @AfterAll
    static void dropTable() throws Exception {
        DATABASE.execute("DROP TABLE IF EXISTS page_views");
    }

    @Test
    @Order(1)
    @DisplayName("a JSON line becomes a click with its UTC time in epoch milliseconds; anything else, nothing")
    void parse() throws Exception {
        assertThat(inTimeZone(DAYLIGHT_SAVING_ZONE, () -> PageViewsPipeline.parse(GUIDE_LINE)))
                .as("the click's time is UTC whatever the JVM's time zone (here %s)", DAYLIGHT_SAVING_ZONE)
                .contains(new ClickEvent("u1", "home", at("10:00:00")));
        assertThat(List.of(
                        "not json",
                        "",
                        "[]",
                        "{\"userId\": \"u1\", \"page\": \"home\"}",
                        "{\"userId\": \"u1\", \"page\": 7, \"clickTime\": \"2025-12-08 10:00:00\"}",
                        "{\"userId\": \"u1\", \"page\": \"home\", \"clickTime\": \"2025-12-08T10:00:00Z\"}"))
                .as("lines that are not clicks: parsed to empty, never an exception")
                .allSatisfy(line ->
                        assertThat(PageViewsPipeline.parse(line)).as(line).isEmpty());
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("event time is the click's, with watermarks 5 seconds behind the newest click")
    void watermarks() {
        List<ClickEvent> clicks = List.of(
                new ClickEvent("u1", "home", at("10:00:00")),
                new ClickEvent("u2", "home", at("10:00:10")),
                new ClickEvent("u3", "home", at("10:00:07")));

        assertThat(FlinkHarnesses.timestampOf(PageViewsPipeline.watermarks(), clicks.get(2)))
                .isEqualTo(at("10:00:07"));
        assertThat(FlinkHarnesses.watermarksAfterEachEvent(PageViewsPipeline.watermarks(), clicks))
                .as("watermark after each click: newest time - 5 s - 1 ms")
                .containsExactly(at("09:59:54.999"), at("10:00:04.999"), at("10:00:04.999"));
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("clicks are counted per page in 10-minute windows; a click after its window closed changes nothing")
    void windows() throws Exception {
        DataStream<ClickEvent> anyClicks =
                StreamExecutionEnvironment.getExecutionEnvironment().fromData(new ClickEvent("u1", "home", 0L));
        try (KeyedOneInputStreamOperatorTestHarness<String, ClickEvent, PageViewCount> harness =
                FlinkHarnesses.keyedOperatorOf(PageViewsPipeline.countPerPage(anyClicks))) {
            for (ClickEvent click : List.of(
                    new ClickEvent("u1", "home", at("10:00:00")),
                    new ClickEvent("u2", "home", at("10:09:59")),
                    new ClickEvent("u3", "cart", at("10:10:00")))) {
                harness.processElement(new StreamRecord<>(click, click.clickTime()));
            }
            harness.processWatermark(new Watermark(at("10:09:59.999")));
            ClickEvent late = new ClickEvent("u4", "home", at("10:05:00"));
            harness.processElement(new StreamRecord<>(late, late.clickTime()));
            harness.processWatermark(new Watermark(Long.MAX_VALUE));

            assertThat(harness.extractOutputValues())
                    .as("home's window closed at 10:09:59.999 with two clicks; the 10:05 click came after")
                    .containsExactlyInAnyOrder(
                            new PageViewCount("home", at("10:00:00"), at("10:10:00"), 2),
                            new PageViewCount("cart", at("10:10:00"), at("10:20:00"), 1));
        }
    }

    @Test
    @Order(4)
    @ExtendWith(IsolatedMiniCluster.class)
    @DisplayName(
            "the job reads the topic, skips and counts the malformed line, and writes one row per page and window, in UTC")
    void pipelineWritesTheTable() throws Exception {
        String topic = SharedKafka.newTopic("clicks");
        LocalKafka.send(SharedKafka.bootstrapServers(), topic, topicLines());

        JobExecutionResult result = inTimeZone(DAYLIGHT_SAVING_ZONE, () -> runPipeline(topic));

        assertThat(PageViewsPipeline.tableRows(DATABASE))
                .as(
                        "page_views after the job, read back over JDBC; the JVM ran in %s, whose clocks skip"
                                + " 2025-03-09 02:00-03:00: times converted through the local zone move",
                        DAYLIGHT_SAVING_ZONE)
                .containsExactlyElementsOf(TOPIC_ROWS);
        Object malformedClicks = result.getAccumulatorResult(PageViewsPipeline.MALFORMED_CLICKS);
        assertThat(malformedClicks)
                .as("the accumulator " + PageViewsPipeline.MALFORMED_CLICKS + ", of any counter type")
                .isInstanceOfSatisfying(
                        Number.class,
                        malformed -> assertThat(malformed.longValue()).isEqualTo(1));
    }

    @Test
    @Lesson
    @Order(5)
    @ExtendWith(IsolatedMiniCluster.class)
    @DisplayName("a second run over the same topic leaves the table as it was")
    void replayChangesNothing() throws Exception {
        String topic = SharedKafka.newTopic("clicks-replayed");
        LocalKafka.send(SharedKafka.bootstrapServers(), topic, topicLines());

        runPipeline(topic);
        runPipeline(topic);

        assertThat(PageViewsPipeline.tableRows(DATABASE))
                .as("rows after two runs: an upsert keyed on (page, window_start), not a plain insert; home has a"
                        + " row for each of its windows")
                .containsExactlyElementsOf(TOPIC_ROWS);
    }

    @Test
    @Order(6)
    @ExtendWith(IsolatedMiniCluster.class)
    @DisplayName("main runs the job against a real broker and prints the table")
    void mainPrintsTheTable() throws Exception {
        requireBoundedSource();
        String printed = Output.capture(() -> PageViewsPipeline.main(new String[0]));

        assertThat(printed.lines()).containsSubsequence(GUIDE_ROWS).contains("malformed lines skipped: 1");
    }
}
