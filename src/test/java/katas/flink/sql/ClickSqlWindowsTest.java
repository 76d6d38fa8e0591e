package katas.flink.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import katas.support.Fixtures;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SharedMiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("flink-sql-windows")
@ExtendWith(SharedMiniCluster.class)
class ClickSqlWindowsTest {

    /** The engine's rows for the guide's five clicks: home has three, not the guide's two (ERRATA.md). */
    private static final List<String> GUIDE_COUNTS = List.of(
            "+I[home, 2025-12-08T10:00, 2025-12-08T10:10, 3]",
            "+I[products, 2025-12-08T10:00, 2025-12-08T10:10, 1]",
            "+I[checkout, 2025-12-08T10:00, 2025-12-08T10:10, 1]");

    private static StreamTableEnvironment clicksOver(Path json) {
        StreamTableEnvironment tableEnv =
                StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
        ClickSqlWindows.createClicksTable(tableEnv, json.toString());
        return tableEnv;
    }

    private static StreamTableEnvironment guideClicks() {
        return clicksOver(Fixtures.path("clicks.json"));
    }

    /** The rows a query returns, as the engine prints them: change kind, then the fields. */
    private static List<String> rowsOf(Table result) throws Exception {
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> iterator = result.execute().collect()) {
            iterator.forEachRemaining(row -> rows.add(row.toString()));
        }
        return rows;
    }

    @Test
    @Lesson
    @Order(1)
    @DisplayName("clicks has the guide's columns and clickTime is its event time, watermarked 5 seconds behind")
    void clicksTable() {
        Table clicks = guideClicks().from("clicks");
        ResolvedSchema schema = clicks.getResolvedSchema();

        assertThat(schema.getColumnNames()).containsExactly("userId", "page", "clickTime");
        assertThat(schema.getColumnDataTypes().get(2).toString())
                .as("clickTime must be a TIMESTAMP(3) that a WATERMARK declares the event time (a rowtime attribute)")
                .isEqualTo("TIMESTAMP(3) *ROWTIME*");
        assertThat(clicks.explain().lines().filter(line -> line.startsWith("WatermarkAssigner(")))
                .as("the planned watermark: the newest clickTime minus a 5-second bound")
                .first()
                .isEqualTo("WatermarkAssigner(rowtime=[clickTime], watermark=[-(clickTime, 5000:INTERVAL SECOND)])");
    }

    @Test
    @Order(2)
    @DisplayName("the group window counts the guide's clicks per page in one 10-minute window")
    void groupWindowCounts() throws Exception {
        Table counts = ClickSqlWindows.countsByGroupWindow(guideClicks());

        assertThat(counts.getResolvedSchema().getColumnNames())
                .containsExactly("page", "window_start", "window_end", "click_count");
        assertThat(rowsOf(counts))
                .as("insert-only rows (+I), one per page and window [10:00, 10:10)")
                .containsExactlyInAnyOrderElementsOf(GUIDE_COUNTS);
    }

    @Test
    @Order(3)
    @DisplayName("the window TVF gives the same rows as the group window")
    void windowTvfCounts() throws Exception {
        Table counts = ClickSqlWindows.countsByWindowTvf(guideClicks());

        assertThat(counts.getResolvedSchema().getColumnNames())
                .containsExactly("page", "window_start", "window_end", "click_count");
        assertThat(rowsOf(counts))
                .as("insert-only rows (+I): group by page, window_start and window_end of the TUMBLE TVF")
                .containsExactlyInAnyOrderElementsOf(GUIDE_COUNTS);
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName(
            "both forms window by event time: half-open 10-minute windows, every click counted, even one without a user")
    void eventTimeWindows(@TempDir Path folder) throws Exception {
        Path json = Files.writeString(folder.resolve("clicks.json"), """
                {"userId": "u1", "page": "home", "clickTime": "2025-12-08 10:09:58"}
                {"userId": "u2", "page": "home", "clickTime": "2025-12-08 10:10:00"}
                {"userId": "u1", "page": "home", "clickTime": "2025-12-08 10:09:59"}
                {"userId": "u3", "page": "cart", "clickTime": "2025-12-08 10:19:59"}
                {"userId": "u3", "page": "cart", "clickTime": "2025-12-08 10:20:00"}
                {"userId": null, "page": "cart", "clickTime": "2025-12-08 10:21:00"}
                """);
        List<String> expected = List.of(
                "+I[home, 2025-12-08T10:00, 2025-12-08T10:10, 2]",
                "+I[home, 2025-12-08T10:10, 2025-12-08T10:20, 1]",
                "+I[cart, 2025-12-08T10:10, 2025-12-08T10:20, 1]",
                "+I[cart, 2025-12-08T10:20, 2025-12-08T10:30, 2]");

        assertThat(rowsOf(ClickSqlWindows.countsByGroupWindow(clicksOver(json))))
                .as(
                        "group window: a click at 10:10:00 opens the next window; one 2 s out of order still counts; so does"
                                + " one whose userId is null (COUNT(*), not COUNT(userId))")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rowsOf(ClickSqlWindows.countsByWindowTvf(clicksOver(json))))
                .as("window TVF: a click at 10:10:00 opens the next window; one 2 s out of order still counts; so does"
                        + " one whose userId is null (COUNT(*), not COUNT(userId))")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @Order(5)
    @DisplayName("main prints the engine's changelog rows")
    void mainPrintsTheRows() throws Exception {
        String printed = Output.capture(() -> ClickSqlWindows.main(new String[0]));

        assertThat(printed.lines()
                        .filter(line -> line.startsWith("| +I |"))
                        .map(line -> line.replaceAll("\\s*\\|\\s*", "|")))
                .as("the rows that TableResult.print() shows, their changelog kind first")
                .containsExactlyInAnyOrder(
                        "|+I|home|2025-12-08 10:00:00.000|2025-12-08 10:10:00.000|3|",
                        "|+I|products|2025-12-08 10:00:00.000|2025-12-08 10:10:00.000|1|",
                        "|+I|checkout|2025-12-08 10:00:00.000|2025-12-08 10:10:00.000|1|");
    }
}
