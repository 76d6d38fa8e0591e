package katas.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import katas.domain.Click;
import katas.parity.PageViewParity.WindowCount;
import katas.support.Fixtures;
import katas.testing.FlinkHarnesses;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SharedMiniCluster;
import katas.testing.SparkSql;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("batch-stream-parity")
@ExtendWith(SharedMiniCluster.class)
class PageViewParityTest {

    private static final String CLICKS = Fixtures.path("clicks.csv").toString();
    /** A zone whose clocks go back from 02:00 to 01:00 on 2021-11-07 (06:00 UTC). */
    private static final String DAYLIGHT_SAVING_ZONE = "America/New_York";

    private static final long WINDOW_START = 1609459200000L;
    private static final long PREVIOUS_WINDOW_START = WINDOW_START - 300_000;
    /** What the engines give for the guide's six clicks: the last, 25 s behind, in the window before. */
    private static final Set<WindowCount> EXPECTED = Set.of(
            new WindowCount("home", WINDOW_START, 3),
            new WindowCount("products", WINDOW_START, 1),
            new WindowCount("checkout", WINDOW_START, 1),
            new WindowCount("home", PREVIOUS_WINDOW_START, 1));

    @Test
    @Order(1)
    @DisplayName("Spark counts every click per page and 5-minute window")
    void sparkBatch() {
        Dataset<Row> counts = PageViewParity.sparkCounts(SparkSql.session(), CLICKS);

        assertThat(counts.columns()).containsExactly("page", "windowStart", "count");
        assertThat(counts.schema().simpleString())
                .as("windowStart in epoch milliseconds, as Flink's windows give it")
                .isEqualTo("struct<page:string,windowStart:bigint,count:bigint>");
        assertThat(PageViewParity.asWindowCounts(counts))
                .as("the late click of 1609459190000 is in the window before: a batch job sees it like any other")
                .isEqualTo(EXPECTED);
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("Flink's watermarks trail the clicks far enough that none of the file's clicks is late")
    void watermarks() {
        List<Click> clicks = Fixtures.clicks();
        Click last = clicks.get(clicks.size() - 1);

        assertThat(FlinkHarnesses.timestampOf(PageViewParity.watermarkStrategy(), last))
                .isEqualTo(last.timestamp());
        assertThat(FlinkHarnesses.watermarksAfterEachEvent(PageViewParity.watermarkStrategy(), clicks))
                .as(
                        "watermarks after each click: the last click (%d, 25 s behind the newest) must be above them all,"
                                + " or its window may have closed when it comes",
                        last.timestamp())
                .allMatch(watermark -> watermark < last.timestamp());
    }

    @Test
    @Order(3)
    @DisplayName("the Flink stream gives Spark's counts")
    void flinkStream() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        assertThat(PageViewParity.collect(PageViewParity.flinkCounts(env, CLICKS)))
                .as("per page and 5-minute event-time window, read from the file")
                .isEqualTo(EXPECTED);
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName("the same Flink job in batch execution mode gives the same counts")
    void flinkBatchMode() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);

        assertThat(PageViewParity.collect(PageViewParity.flinkCounts(env, CLICKS)))
                .as("in batch mode Flink reads a bounded source to its end before it closes a window")
                .isEqualTo(EXPECTED);
    }

    /** 01:30 in New York, daylight time (05:30 UTC), in the window that starts then. */
    private static final long NEW_YORK_FIRST_0130 = 1636263000000L;
    /** 01:30 in New York again an hour later, standard time (06:30 UTC): the clocks went back at 02:00. */
    private static final long NEW_YORK_SECOND_0130 = 1636266600000L;

    @Test
    @Lesson
    @Order(5)
    @DisplayName("both engines count every click in UTC windows, in a zone with daylight saving too, user or no user")
    void utcWindowsEveryClick(@TempDir Path folder) throws Exception {
        Path csv = Files.writeString(
                folder.resolve("clicks.csv"),
                String.join(
                        "\n",
                        "userId,page,timestamp",
                        "u1,home," + NEW_YORK_FIRST_0130,
                        "u2,home," + NEW_YORK_SECOND_0130,
                        ",cart," + (NEW_YORK_SECOND_0130 + 60_000),
                        ""));
        Set<WindowCount> expected = Set.of(
                new WindowCount("home", NEW_YORK_FIRST_0130, 1),
                new WindowCount("home", NEW_YORK_SECOND_0130, 1),
                new WindowCount("cart", NEW_YORK_SECOND_0130, 1));
        TimeZone jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(DAYLIGHT_SAVING_ZONE));
        try {
            SparkSql.withSqlConf(
                    Map.of("spark.sql.session.timeZone", DAYLIGHT_SAVING_ZONE),
                    () -> assertThat(PageViewParity.asWindowCounts(
                                    PageViewParity.sparkCounts(SparkSql.session(), csv.toString())))
                            .as(
                                    "Spark in %s: two clicks at 01:30 local time an hour apart (the clocks went back), and a"
                                            + " click with no userId (count every row, not the userIds)",
                                    DAYLIGHT_SAVING_ZONE)
                            .isEqualTo(expected));
            assertThat(PageViewParity.collect(PageViewParity.flinkCounts(
                            StreamExecutionEnvironment.getExecutionEnvironment(), csv.toString())))
                    .as("Flink with the JVM in %s", DAYLIGHT_SAVING_ZONE)
                    .isEqualTo(expected);
        } finally {
            TimeZone.setDefault(jvmZone);
        }
    }

    @Test
    @Order(6)
    @DisplayName("main prints the counts and that the engines agree")
    void mainPrintsAgreement() throws Exception {
        String printed = Output.capture(() -> PageViewParity.main(new String[0]));

        assertThat(printed)
                .contains("WindowCount[page=home, windowStart=1609459200000, count=3]")
                .contains("Spark batch = Flink stream: true")
                .contains("Spark batch = Flink in batch mode: true");
    }
}
