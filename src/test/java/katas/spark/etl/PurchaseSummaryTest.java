package katas.spark.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import katas.support.Fixtures;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SparkSql;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("etl-purchase-summary")
class PurchaseSummaryTest {

    private static final StructType INFERRED_EVENTS = new StructType()
            .add("eventType", DataTypes.StringType)
            .add("timestamp", DataTypes.LongType)
            .add("userId", DataTypes.StringType)
            .add("value", DataTypes.DoubleType);

    private static Dataset<Row> events() {
        return PurchaseSummary.readEvents(
                SparkSql.session(), Fixtures.path("events.json").toString());
    }

    private static List<String> rows(Dataset<Row> summary) {
        return summary.collectAsList().stream().map(Row::toString).toList();
    }

    @Test
    @Order(1)
    @DisplayName(
            "events are read with the schema Spark infers from the JSON: fields by name, long timestamps, double values")
    void inferredSchema() {
        assertThat(events().schema())
                .as("schema of readEvents (spark.read().json infers it; names, types and order)")
                .isEqualTo(INFERRED_EVENTS);
        assertThat(events().count()).as("rows read from events.json").isEqualTo(6);
    }

    @Test
    @Order(2)
    @DisplayName("the summary totals and counts purchases per user, largest total first")
    void summaryOfTheGuideEvents() {
        Dataset<Row> summary = PurchaseSummary.summarize(events());

        assertThat(summary.columns())
                .as("columns of the summary")
                .containsExactly("userId", "total_spent", "purchase_count");
        assertThat(rows(summary)).containsExactly("[u123,550.0,2]", "[u456,275.5,2]", "[u789,125.0,1]");
    }

    @Test
    @Order(3)
    @DisplayName("totals are doubles and counts are longs that are never null")
    void summaryTypes() {
        StructType schema = PurchaseSummary.summarize(events()).schema();

        assertThat(schema.apply("total_spent").dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(schema.apply("purchase_count").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(schema.apply("purchase_count").nullable())
                .as("count(*) is never null")
                .isFalse();
    }

    @Test
    @Order(4)
    @DisplayName("only purchases count, each one, and the biggest spender comes first")
    void onlyPurchasesOrderedByTotal() {
        Dataset<Row> events = SparkSql.session()
                .createDataFrame(
                        List.of(
                                RowFactory.create("click", 1L, "a", 900.0),
                                RowFactory.create("purchase", 2L, "a", 10.0),
                                RowFactory.create("purchase", 3L, "b", 300.0),
                                RowFactory.create("purchase", 4L, "c", 25.0),
                                RowFactory.create("purchase", 5L, "c", 25.0)),
                        INFERRED_EVENTS);

        assertThat(rows(PurchaseSummary.summarize(events)))
                .as("clicks excluded, two equal purchases counted twice, ordered by total_spent descending")
                .containsExactly("[b,300.0,1]", "[c,50.0,2]", "[a,10.0,1]");
    }

    @Test
    @Lesson
    @Order(5)
    @DisplayName("the order is global: spread over several partitions, the users still come biggest spender first")
    void orderAcrossPartitions() throws Exception {
        List<Row> purchases = new java.util.ArrayList<>();
        for (int user = 0; user < 12; user++) {
            purchases.add(RowFactory.create("purchase", (long) user, "user" + user, 10.0 * (user + 1)));
        }
        Dataset<Row> events = SparkSql.session().createDataFrame(purchases, INFERRED_EVENTS);
        List<String> biggestFirst = java.util.stream.IntStream.iterate(11, user -> user >= 0, user -> user - 1)
                .mapToObj(user -> "[user" + user + "," + 10.0 * (user + 1) + ",1]")
                .toList();

        // As on data too large to fit one partition: the totals stay in the aggregation's 4 partitions.
        SparkSql.withSqlConf(
                Map.of("spark.sql.adaptive.coalescePartitions.enabled", "false"),
                () -> assertThat(rows(PurchaseSummary.summarize(events)))
                        .as(
                                "12 users over 4 partitions, largest total first across all of them: orderBy sorts globally,"
                                        + " sortWithinPartitions only inside each partition")
                        .containsExactlyElementsOf(biggestFirst));
    }

    @Test
    @Lesson
    @Order(6)
    @DisplayName("the summary written as Parquet reads back equal (Parquet makes every column nullable)")
    void parquetRoundTrip(@TempDir Path temp) throws Exception {
        Dataset<Row> summary = PurchaseSummary.summarize(events());
        Path folder = temp.resolve("purchase_summary");

        PurchaseSummary.writeParquet(summary, folder.toString());

        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("a Parquet folder: part files and the _SUCCESS marker")
                    .contains("_SUCCESS")
                    .anyMatch(name -> name.endsWith(".parquet"));
        }
        Dataset<Row> readBack = SparkSql.session().read().parquet(folder.toString());
        assertThat(readBack.schema().fields())
                .extracting(StructField::name, StructField::dataType)
                .as("names and types survive the round trip")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("userId", DataTypes.StringType),
                        org.assertj.core.groups.Tuple.tuple("total_spent", DataTypes.DoubleType),
                        org.assertj.core.groups.Tuple.tuple("purchase_count", DataTypes.LongType));
        assertThat(rows(readBack)).containsExactlyInAnyOrderElementsOf(rows(summary));
    }

    @Test
    @Order(7)
    @DisplayName("main prints the guide's schema and tables")
    void mainPrintsTheGuideOutput() throws Exception {
        String printed = Output.capture(() -> PurchaseSummary.main(new String[0]));

        assertThat(printed)
                .contains(
                        " |-- eventType: string (nullable = true)",
                        " |-- value: double (nullable = true)",
                        "|purchase |1609459200000|u123  |250.0|",
                        "|u123  |550.0      |2             |",
                        "|u789  |125.0      |1             |");
    }
}
