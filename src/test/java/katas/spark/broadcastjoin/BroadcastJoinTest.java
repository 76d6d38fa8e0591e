package katas.spark.broadcastjoin;

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
import org.apache.spark.sql.catalyst.optimizer.BuildRight$;
import org.apache.spark.sql.catalyst.plans.Inner$;
import org.apache.spark.sql.execution.joins.BroadcastHashJoinExec;
import org.apache.spark.sql.execution.joins.SortMergeJoinExec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@Tag("broadcast-join")
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one instance, so each fixture is read once per run
class BroadcastJoinTest {

    private static final String[] JOINED_ROWS = {
        "[u123,Alice,NYC,250.0]",
        "[u456,Bob,LA,75.5]",
        "[u123,Alice,NYC,300.0]",
        "[u789,Charlie,Chicago,125.0]",
        "[u456,Bob,LA,200.0]"
    };

    // Reading a CSV with a header runs a Spark job to find the column names: read each file once.
    private final Once<Dataset<Row>> transactions = Once.of(() -> BroadcastJoin.readTransactions(
            SparkSql.session(), Fixtures.path("transactions.csv").toString()));
    private final Once<Dataset<Row>> users = Once.of(() -> BroadcastJoin.readUsers(
            SparkSql.session(), Fixtures.path("users.csv").toString()));

    private Dataset<Row> transactions() {
        return transactions.get();
    }

    private Dataset<Row> users() {
        return users.get();
    }

    /** A transaction whose user is not in users.csv. */
    private Dataset<Row> withoutItsUser() {
        return SparkSql.session()
                .createDataFrame(
                        List.of(RowFactory.create("t99", "u999", 42.0, "1609459300000")),
                        transactions().schema());
    }

    private static Plans.Executed executeSelectingGuideColumns(Dataset<Row> joined) {
        return Plans.execute(joined.select("userId", "name", "city", "amount"));
    }

    @Test
    @Order(1)
    @DisplayName("transactions are read with a header, amount cast to double")
    void transactionsSchema() {
        assertThat(transactions().schema())
                .isEqualTo(new StructType()
                        .add("transactionId", DataTypes.StringType)
                        .add("userId", DataTypes.StringType)
                        .add("amount", DataTypes.DoubleType)
                        .add("timestamp", DataTypes.StringType));
        assertThat(users().columns()).containsExactly("userId", "name", "city");
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("with auto-broadcast off, the plain join is an inner sort-merge join")
    void plainJoinSortMerges() throws Exception {
        SparkSql.withSqlConf(SparkSql.autoBroadcastOff(), () -> {
            Plans.Executed joined = executeSelectingGuideColumns(
                    BroadcastJoin.plainJoin(transactions().union(withoutItsUser()), users()));

            List<SortMergeJoinExec> joins = joined.nodes(SortMergeJoinExec.class);
            assertThat(joins)
                    .as("join nodes of the executed plan %s", joined.nodeNames())
                    .hasSize(1);
            assertThat(joins.get(0).joinType()).as("join type").isEqualTo(Inner$.MODULE$);
            assertThat(joined.nodes(BroadcastHashJoinExec.class)).isEmpty();
            assertThat(joined.rows())
                    .as("every transaction with its user; none for t99, whose user u999 is unknown")
                    .containsExactlyInAnyOrder(JOINED_ROWS);
        });
    }

    @Test
    @Order(4)
    @DisplayName(
            "the optimised join sends users to every task even with automatic broadcasting off, and gives each transaction its user, if it has one")
    void hintedJoinBroadcastsUsers() throws Exception {
        SparkSql.withSqlConf(SparkSql.autoBroadcastOff(), () -> {
            Plans.Executed joined = executeSelectingGuideColumns(
                    BroadcastJoin.broadcastJoin(transactions().union(withoutItsUser()), users()));

            List<BroadcastHashJoinExec> joins = joined.nodes(BroadcastHashJoinExec.class);
            assertThat(joins)
                    .as(
                            "a BroadcastHashJoin; only a broadcast() hint can give one when both thresholds are -1. Plan: %s",
                            joined.nodeNames())
                    .hasSize(1);
            assertThat(joins.get(0).buildSide())
                    .as("the hash table is built from the right side, users")
                    .isEqualTo(BuildRight$.MODULE$);
            assertThat(joins.get(0).right().output().toString()).contains("name", "city");
            assertThat(joined.nodes(SortMergeJoinExec.class)).isEmpty();
            assertThat(joined.rows())
                    .as("every transaction with its user's name and city; t99, whose user u999 is not in users.csv,"
                            + " has no row (an inner join)")
                    .containsExactlyInAnyOrder(JOINED_ROWS);
        });
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("at default settings Spark broadcasts the small users table even without a hint (errata)")
    void defaultSettingsBroadcastSmallTables() {
        Plans.Executed joined = executeSelectingGuideColumns(BroadcastJoin.plainJoin(transactions(), users()));

        assertThat(joined.nodes(BroadcastHashJoinExec.class))
                .as("users.csv is far below spark.sql.autoBroadcastJoinThreshold (10 MB). Plan: %s", joined.nodeNames())
                .hasSize(1);
    }

    @Test
    @Order(5)
    @DisplayName("main prints both plans and the joined rows")
    void mainPrintsPlansAndRows() throws Exception {
        String printed = Output.capture(() -> BroadcastJoin.main(new String[0]));

        assertThat(printed)
                .contains("SortMergeJoin", "BroadcastHashJoin", "BuildRight", "|u789  |Charlie|Chicago|125.0 |");
    }
}
