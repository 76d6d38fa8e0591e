package katas.spark.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import katas.support.Fixtures;
import katas.testing.Lesson;
import katas.testing.Once;
import katas.testing.Output;
import katas.testing.Plans;
import katas.testing.SparkSql;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.plans.physical.SinglePartition$;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.apache.spark.sql.execution.window.WindowExec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@Tag("window-functions")
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one instance, so each query runs once per run
class UserActivityWindowsTest {

    private static final StructType ACTIVITY = new StructType()
            .add("userId", DataTypes.StringType)
            .add("timestamp", DataTypes.LongType)
            .add("amount", DataTypes.DoubleType);

    // Each read and each execution is a Spark job: read the file once, and run each query once for the
    // tests that check its rows and its plan.
    private final Once<Dataset<Row>> activity = Once.of(() -> UserActivityWindows.readActivity(
            SparkSql.session(), Fixtures.path("user_activity.csv").toString()));
    private final Once<Plans.Executed> sums =
            Once.of(() -> Plans.execute(UserActivityWindows.cumulativeSumPerUser(activity())));
    private final Once<Plans.Executed> ranked =
            Once.of(() -> Plans.execute(UserActivityWindows.globalRank(activity())));

    private Dataset<Row> activity() {
        return activity.get();
    }

    private Plans.Executed sums() {
        return sums.get();
    }

    private Plans.Executed ranked() {
        return ranked.get();
    }

    /** The learner's running sums of these activity rows, as "[userId,timestamp,amount,sum]". */
    private static List<String> runningSums(Row... activity) {
        return Plans.execute(UserActivityWindows.cumulativeSumPerUser(
                        SparkSql.session().createDataFrame(List.of(activity), ACTIVITY)))
                .rows();
    }

    @Test
    @Order(1)
    @DisplayName("user_activity.csv is read with a header, timestamp as long and amount as double")
    void activitySchema() {
        assertThat(activity().schema()).isEqualTo(ACTIVITY);
    }

    @Test
    @Order(4)
    @DisplayName("the running sum per user follows time: 100, 150, 225 for u123 and 200, 350, 475 for u456")
    void runningSumPerUser() {
        assertThat(sums().rows())
                .as("userId, timestamp, amount, user_cumulative_sum")
                .containsExactlyInAnyOrder(
                        "[u123,1609459200000,100.0,100.0]",
                        "[u123,1609545600000,50.0,150.0]",
                        "[u123,1609632000000,75.0,225.0]",
                        "[u456,1609459200000,200.0,200.0]",
                        "[u456,1609545600000,150.0,350.0]",
                        "[u456,1609632000000,125.0,475.0]");
    }

    @Test
    @Order(5)
    @DisplayName("the running sum orders by timestamp, not by the order rows arrive in")
    void runningSumIgnoresArrivalOrder() {
        List<String> sums = runningSums(
                RowFactory.create("a", 30L, 3.0),
                RowFactory.create("b", 10L, 100.0),
                RowFactory.create("a", 10L, 1.0),
                RowFactory.create("a", 20L, 2.0));

        assertThat(sums)
                .containsExactlyInAnyOrder("[a,10,1.0,1.0]", "[a,20,2.0,3.0]", "[a,30,3.0,6.0]", "[b,10,100.0,100.0]");
    }

    @Test
    @Lesson
    @Order(6)
    @DisplayName("two amounts of a user at the same time each get their own running total")
    void runningSumCountsRowsNotTimestamps() {
        List<String> rows = runningSums(
                RowFactory.create("a", 10L, 1.0),
                RowFactory.create("a", 20L, 2.0),
                RowFactory.create("a", 20L, 4.0),
                RowFactory.create("a", 30L, 8.0));

        assertThat(rows)
                .as("a frame of rows up to the current one (rowsBetween(unboundedPreceding, currentRow)); the default"
                        + " frame with orderBy is RANGE, which gives rows at the same time one shared total")
                .contains("[a,10,1.0,1.0]", "[a,30,8.0,15.0]")
                .filteredOn(row -> row.startsWith("[a,20,"))
                .extracting(row -> row.substring(row.lastIndexOf(',') + 1, row.length() - 1))
                .containsExactlyInAnyOrder(
                        rows.contains("[a,20,2.0,3.0]") ? new String[] {"3.0", "7.0"} : new String[] {"5.0", "7.0"});
    }

    @Test
    @Lesson
    @Order(7)
    @DisplayName("the running sum moves each user's rows to one task, not every row to a single one")
    void perUserWindowIsHashPartitionedOnUserId() {
        List<ShuffleExchangeExec> exchanges = sums().nodes(ShuffleExchangeExec.class);
        assertThat(exchanges)
                .as("shuffles of the executed plan %s", sums().nodeNames())
                .hasSize(1);
        assertThat(Plans.partitioningColumns(exchanges.get(0).outputPartitioning()))
                .as(
                        "a window partitioned by user (partitionBy(\"userId\")) needs each user's rows in one partition, not all rows")
                .containsExactly("userId");
        assertThat(sums().nodes(WindowExec.class)).hasSize(1);
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("the global rank moves every row to a single partition (Exchange SinglePartition)")
    void globalRankUsesOnePartition() {
        assertThat(ranked().nodes(ShuffleExchangeExec.class))
                .as("shuffles of the executed plan %s", ranked().nodeNames())
                .extracting(ShuffleExchangeExec::outputPartitioning)
                .containsExactly(SinglePartition$.MODULE$);
        assertThat(ranked().nodes(WindowExec.class)).hasSize(1);
    }

    @Test
    @Order(3)
    @DisplayName("rank gives equal timestamps the same rank and then skips: 1, 1, 3, 3, 5, 5")
    void rankSharesTies() {
        assertThat(ranked().rows())
                .as("userId, timestamp, amount, global_rank")
                .containsExactlyInAnyOrder(
                        "[u123,1609459200000,100.0,1]",
                        "[u456,1609459200000,200.0,1]",
                        "[u123,1609545600000,50.0,3]",
                        "[u456,1609545600000,150.0,3]",
                        "[u123,1609632000000,75.0,5]",
                        "[u456,1609632000000,125.0,5]");
    }

    @Test
    @Order(8)
    @DisplayName("main prints the slow plan and the guide's running sums")
    void mainPrintsPlanAndSums() throws Exception {
        String printed = Output.capture(() -> UserActivityWindows.main(new String[0]));

        assertThat(printed)
                .contains(
                        "=== Slow Window Physical Plan ===",
                        "Exchange SinglePartition",
                        "=== Fast Window Result ===",
                        "|u123  |1609459200000|100.0 |100.0              |",
                        "|u456  |1609632000000|125.0 |475.0              |");
    }
}
