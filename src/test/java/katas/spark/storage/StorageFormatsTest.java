package katas.spark.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import katas.support.Fixtures;
import katas.testing.Lesson;
import katas.testing.Once;
import katas.testing.Output;
import katas.testing.Plans;
import katas.testing.SparkSql;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@Tag("parquet-pushdown")
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one instance, so that each file is written once per run
class StorageFormatsTest {

    private static final String[] BIG_PURCHASES = {"[u123,250.0]", "[u123,300.0]", "[u789,125.0]", "[u456,200.0]"};
    private static final int GENERATED_ROWS = 100_000;
    private static final int ROW_GROUP_BYTES = 64 * 1024;
    /** Selects about 1 % of the generated values (0.00 to 999.99). */
    private static final double SELECTIVE_MINIMUM = 990.0;
    /** The generated purchases over {@link #SELECTIVE_MINIMUM}, counted by Spark. */
    private static final int SELECTIVE_ROWS = 514;
    /** The equality on eventType as a reader is given it: {@code equalTo}, or the null-safe {@code eqNullSafe}. */
    private static final String[] EQUALS_PURCHASE = {"EqualTo(eventType,purchase)", "EqualNullSafe(eventType,purchase)"
    };

    @TempDir
    static Path temp; // static: one folder for the class, kept while the files below are read

    private final Once<Dataset<Row>> guideEvents = Once.of(() -> SparkSql.session()
            .read()
            .schema(StorageFormats.EVENTS)
            .json(Fixtures.path("events.json").toString()));

    /** The guide's events stored in {@code format}, read back with the schema. */
    private Dataset<Row> stored(String format) {
        String folder = temp.resolve("guide-" + format).toString();
        if (!temp.resolve("guide-" + format).toFile().exists()) {
            guideEvents.get().write().option("header", true).format(format).save(folder);
        }
        return SparkSql.session()
                .read()
                .schema(StorageFormats.EVENTS)
                .option("header", true)
                .format(format)
                .load(folder);
    }

    /** The generated events stored in {@code format}, written once, read back with the schema. */
    private Dataset<Row> storedGenerated(String format) {
        Path folder = temp.resolve("generated-" + format);
        if (!folder.toFile().exists()) {
            generated().write().option("header", true).format(format).save(folder.toString());
        }
        return SparkSql.session()
                .read()
                .schema(StorageFormats.EVENTS)
                .option("header", true)
                .format(format)
                .load(folder.toString());
    }

    /** 100,000 events in random order, the same every run: a value from 0.00 to 999.99 derived from each id. */
    private static Dataset<Row> generated() {
        return SparkSql.session()
                .range(0, GENERATED_ROWS, 1, 4)
                .selectExpr(
                        "concat('u', CAST(id % 1000 AS STRING)) AS userId",
                        "IF(id % 2 = 0, 'purchase', 'click') AS eventType",
                        "1609459200000 + id AS timestamp",
                        "CAST(pmod(hash(id), 100000) / 100.0 AS DOUBLE) AS value");
    }

    /** Rows the scan handed on: the rows of the row groups it read, before the filter runs on them. */
    private static long rowsScanned(Plans.Executed query) {
        return (long) query.fileScan().metrics().get("numOutputRows").get().value();
    }

    @Test
    @Order(1)
    @DisplayName("the guide's purchases over 100: userId and value of four rows")
    void bigPurchases() {
        assertThat(Plans.execute(StorageFormats.purchasesOver(guideEvents.get(), 100.0))
                        .rows())
                .containsExactlyInAnyOrder(BIG_PURCHASES);
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("from Parquet: the filter is pushed into the scan, and only userId, eventType and value are read")
    void parquetPushdown() {
        Plans.Executed big = Plans.execute(StorageFormats.purchasesOver(stored("parquet"), 100.0));

        assertThat(big.rows()).containsExactlyInAnyOrder(BIG_PURCHASES);
        assertThat(big.pushedFilters())
                .as("the scan's pushed filters: write the filter on columns, not in a lambda")
                .contains("GreaterThan(value,100.0)")
                .containsAnyOf(EQUALS_PURCHASE);
        assertThat(big.fileScan().requiredSchema().fieldNames())
                .as("the columns read: timestamp is never needed")
                .containsExactlyInAnyOrder("userId", "eventType", "value");
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName(
            "from CSV and JSON Spark 3.5 hands the filter to the parser too: the scan passes on only the matching rows, though it reads every byte (errata)")
    void csvAndJsonPushdown() {
        for (String format : List.of("csv", "json")) {
            Plans.Executed big =
                    Plans.execute(StorageFormats.purchasesOver(storedGenerated(format), SELECTIVE_MINIMUM));

            assertThat(big.rows()).as(format).hasSize(SELECTIVE_ROWS);
            assertThat(rowsScanned(big))
                    .as(
                            "rows the %s scan handed on (its numOutputRows): the parser drops the rows the pushed filter"
                                    + " rejects, so only the %d purchases over %s come out of it. A filter Spark cannot"
                                    + " read (a lambda) leaves all %d rows to a Filter above the scan",
                            format, SELECTIVE_ROWS, SELECTIVE_MINIMUM, GENERATED_ROWS)
                    .isEqualTo(SELECTIVE_ROWS);
        }
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName("sorted by value before writing, a filter on value skips most row groups; in random order, hardly any")
    void rowGroupsSkipped() {
        String sorted = temp.resolve("sorted").toString();
        String unsorted = temp.resolve("unsorted").toString();
        StorageFormats.writeForSkipping(generated(), ROW_GROUP_BYTES, sorted);
        generated().write().option("parquet.block.size", ROW_GROUP_BYTES).parquet(unsorted);

        Plans.Executed fromSorted = Plans.execute(
                StorageFormats.purchasesOver(SparkSql.session().read().parquet(sorted), SELECTIVE_MINIMUM));
        Plans.Executed fromUnsorted = Plans.execute(
                StorageFormats.purchasesOver(SparkSql.session().read().parquet(unsorted), SELECTIVE_MINIMUM));

        assertThat(fromSorted.rows())
                .as("the same rows either way")
                .hasSameSizeAs(fromUnsorted.rows())
                .isNotEmpty();
        assertThat(rowsScanned(fromUnsorted))
                .as("rows scanned in random order: nearly every row group spans nearly all values")
                .isGreaterThan(GENERATED_ROWS * 9 / 10);
        assertThat(rowsScanned(fromSorted))
                .as(
                        "rows scanned when sorted by value (orderBy before write), row groups of %d bytes"
                                + " (option parquet.block.size): the row groups whose maximum is under %s are skipped",
                        ROW_GROUP_BYTES, SELECTIVE_MINIMUM)
                .isLessThan(GENERATED_ROWS / 10);
    }

    @Test
    @Order(5)
    @DisplayName("main reads the guide's events from Parquet, CSV and JSON and prints each plan and result")
    void mainPrintsPlans() throws Exception {
        String printed = Output.capture(() -> StorageFormats.main(new String[0]));

        assertThat(printed)
                .contains("=== parquet ===", "=== csv ===", "=== json ===", "|u123  |300.0|")
                .containsPattern(
                        "PushedFilters: \\[.*(EqualTo|EqualNullSafe)\\(eventType,purchase\\), GreaterThan\\(value,100\\.0\\)\\]");
    }
}
