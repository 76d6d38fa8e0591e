package katas.spark.lazyeval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import katas.support.Fixtures;
import katas.testing.Lesson;
import katas.testing.Once;
import katas.testing.Output;
import katas.testing.Plans;
import katas.testing.SparkJobs;
import katas.testing.SparkSql;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

@Tag("lazy-evaluation")
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one instance, so the Parquet copy of the events is written once
class LazyEvaluationTest {

    /** The guide's totals; the extra click below must not change them. */
    private static final Map<String, Double> TOTALS = Map.of("u123", 550.0, "u456", 275.5, "u789", 125.0);

    private static final String[] BIG_PURCHASES = {"[u123,250.0]", "[u123,300.0]", "[u789,125.0]", "[u456,200.0]"};

    @TempDir
    static Path temp; // static: one folder for the class, kept while the Parquet copy below is in use

    /** The guide's events and a click with a value: only purchases may count. Built lazily, as a learner's source. */
    private Dataset<Row> events() {
        Dataset<Row> click = SparkSql.session()
                .createDataFrame(
                        List.of(RowFactory.create("u789", "click", 1609459230000L, 900.0)), LazyEvaluation.EVENTS);
        return LazyEvaluation.readEvents(
                        SparkSql.session(), Fixtures.path("events.json").toString())
                .union(click);
    }

    private final Once<Dataset<Row>> parquetEvents = Once.of(() -> {
        String folder = temp.resolve("events").toString();
        events().write().parquet(folder);
        return SparkSql.session().read().parquet(folder);
    });

    @Test
    @Lesson
    @Order(1)
    @DisplayName("the RDD job totals each user's purchases, and only collecting it runs a Spark job")
    void rddTotals() throws Exception {
        try (SparkJobs jobs = SparkJobs.countIn(SparkSql.session())) {
            var totals = LazyEvaluation.totalsWithRdd(events().javaRDD());
            assertThat(jobs.started())
                    .as("jobs started by filter, mapToPair and reduceByKey: transformations are lazy")
                    .isZero();

            assertThat(totals.collectAsMap()).as("purchase totals per user").isEqualTo(TOTALS);
            assertThat(jobs.started())
                    .as("jobs started by collectAsMap, the action")
                    .isPositive();
        }
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("the DataFrame query gives the same totals, and only collecting it runs a Spark job")
    void dataFrameTotals() throws Exception {
        try (SparkJobs jobs = SparkJobs.countIn(SparkSql.session())) {
            Dataset<Row> totals = LazyEvaluation.totalsWithDataFrame(events());
            assertThat(jobs.started())
                    .as("jobs started while building the query (no cache, count or show inside)")
                    .isZero();

            assertThat(totals.columns()).containsExactly("userId", "total");
            assertThat(totals.collectAsList())
                    .extracting(row -> Map.entry(row.getString(0), row.getDouble(1)))
                    .containsExactlyInAnyOrderElementsOf(TOTALS.entrySet());
            assertThat(jobs.started()).as("jobs started by collectAsList").isPositive();
        }
    }

    @Test
    @Order(3)
    @DisplayName("the typed Dataset gives the same totals as (userId, total) pairs")
    void datasetTotals() throws Exception {
        try (SparkJobs jobs = SparkJobs.countIn(SparkSql.session())) {
            Dataset<Tuple2<String, Double>> totals =
                    LazyEvaluation.totalsWithDataset(events().as(Encoders.bean(LazyEvaluation.Event.class)));
            assertThat(jobs.started())
                    .as("jobs started while building the typed query")
                    .isZero();

            assertThat(totals.collectAsList())
                    .extracting(pair -> Map.entry(pair._1(), pair._2()))
                    .containsExactlyInAnyOrderElementsOf(TOTALS.entrySet());
        }
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName("a filter on columns reaches the Parquet scan: pushed down, and only the columns needed are read")
    void columnFilterPushedIntoTheScan() {
        Plans.Executed big = Plans.execute(LazyEvaluation.bigPurchases(parquetEvents.get(), 100.0));

        assertThat(big.rows()).containsExactlyInAnyOrder(BIG_PURCHASES);
        FileSourceScanExec scan = big.fileScan();
        assertThat(big.pushedFilters())
                .as("the scan's pushed filters: a filter on columns (col(...).gt(...)) is one Catalyst can push")
                .contains("EqualTo(eventType,purchase)", "GreaterThan(value,100.0)");
        assertThat(scan.requiredSchema().fieldNames())
                .as("the columns read: timestamp is never needed")
                .containsExactlyInAnyOrder("userId", "eventType", "value");
    }

    @Test
    @Lesson
    @Order(5)
    @DisplayName("the same filter as a UDF gives the same rows, but nothing of it reaches the scan")
    void udfFilterNotPushed() {
        Plans.Executed big = Plans.execute(LazyEvaluation.bigPurchasesWithUdf(parquetEvents.get(), 100.0));

        assertThat(big.rows()).containsExactlyInAnyOrder(BIG_PURCHASES);
        assertThat(big.pushedFilters())
                .as("the scan's pushed filters: a UDF is a black box to Catalyst (write the filter with functions.udf)")
                .doesNotContain("purchase", "100.0");
    }

    @Test
    @Order(6)
    @DisplayName("main prints the totals three ways and the plans of both filters")
    void mainPrintsTotalsAndPlans() throws Exception {
        String printed = Output.capture(() -> LazyEvaluation.main(new String[0]));

        assertThat(printed)
                .contains(
                        "u456 275.5",
                        "|u123  |550.0|",
                        "(u789,125.0)",
                        "== Optimized Logical Plan ==",
                        "PushedFilters: [IsNotNull(eventType), IsNotNull(value), EqualTo(eventType,purchase), GreaterThan(value,100.0)]");
    }
}
