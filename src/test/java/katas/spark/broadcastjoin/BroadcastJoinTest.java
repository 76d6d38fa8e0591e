package katas.spark.broadcastjoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import katas.support.Fixtures;
import katas.testing.Output;
import katas.testing.Plans;
import katas.testing.SparkSql;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.optimizer.BuildRight$;
import org.apache.spark.sql.execution.joins.BroadcastHashJoinExec;
import org.apache.spark.sql.execution.joins.SortMergeJoinExec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("broadcast-join")
class BroadcastJoinTest {

    private static Dataset<Row> transactions() {
        return BroadcastJoin.readTransactions(SparkSql.session(), Fixtures.path("transactions.csv").toString());
    }

    private static Dataset<Row> users() {
        return BroadcastJoin.readUsers(SparkSql.session(), Fixtures.path("users.csv").toString());
    }

    @Test
    @DisplayName("transactions are read with a header, amount cast to double")
    void transactionsSchema() {
        assertThat(transactions().schema()).isEqualTo(new StructType()
                .add("transactionId", DataTypes.StringType)
                .add("userId", DataTypes.StringType)
                .add("amount", DataTypes.DoubleType)
                .add("timestamp", DataTypes.StringType));
        assertThat(users().columns()).containsExactly("userId", "name", "city");
    }

    @Test
    @DisplayName("the broadcast join gives every transaction its user's name and city")
    void joinedRows() {
        List<String> rows = BroadcastJoin.broadcastJoin(transactions(), users())
                .select("userId", "name", "city", "amount")
                .collectAsList().stream().map(Row::toString).toList();

        assertThat(rows).containsExactlyInAnyOrder(
                "[u123,Alice,NYC,250.0]",
                "[u456,Bob,LA,75.5]",
                "[u123,Alice,NYC,300.0]",
                "[u789,Charlie,Chicago,125.0]",
                "[u456,Bob,LA,200.0]");
    }

    @Test
    @DisplayName("with auto-broadcast off, the plain join is a sort-merge join")
    void plainJoinSortMerges() throws Exception {
        SparkSql.withSqlConf(SparkSql.autoBroadcastOff(), () -> {
            Dataset<Row> joined = BroadcastJoin.plainJoin(transactions(), users());

            assertThat(Plans.collect(joined, SortMergeJoinExec.class))
                    .as("join nodes of the executed plan %s", Plans.nodeNames(joined))
                    .hasSize(1);
            assertThat(Plans.collect(joined, BroadcastHashJoinExec.class)).isEmpty();
            assertThat(joined.count()).isEqualTo(5);
        });
    }

    @Test
    @DisplayName("the hinted join broadcasts the users side even with auto-broadcast off")
    void hintedJoinBroadcastsUsers() throws Exception {
        SparkSql.withSqlConf(SparkSql.autoBroadcastOff(), () -> {
            Dataset<Row> joined = BroadcastJoin.broadcastJoin(transactions(), users());

            List<BroadcastHashJoinExec> joins = Plans.collect(joined, BroadcastHashJoinExec.class);
            assertThat(joins)
                    .as("a BroadcastHashJoin; only a broadcast() hint can give one when both thresholds are -1. Plan: %s",
                            Plans.nodeNames(joined))
                    .hasSize(1);
            assertThat(joins.get(0).buildSide())
                    .as("the hash table is built from the right side, users")
                    .isEqualTo(BuildRight$.MODULE$);
            assertThat(joins.get(0).right().output().toString()).contains("name", "city");
            assertThat(Plans.collect(joined, SortMergeJoinExec.class)).isEmpty();
        });
    }

    @Test
    @DisplayName("at default settings Spark broadcasts the small users table even without a hint (errata)")
    void defaultSettingsBroadcastSmallTables() {
        Dataset<Row> joined = BroadcastJoin.plainJoin(transactions(), users());

        assertThat(Plans.collect(joined, BroadcastHashJoinExec.class))
                .as("users.csv is far below spark.sql.autoBroadcastJoinThreshold (10 MB)")
                .hasSize(1);
    }

    @Test
    @DisplayName("main prints both plans and the joined rows")
    void mainPrintsPlansAndRows() throws Exception {
        String printed = Output.capture(() -> BroadcastJoin.main(new String[0]));

        assertThat(printed).contains("SortMergeJoin", "BroadcastHashJoin", "BuildRight", "|u789  |Charlie|Chicago|125.0 |");
    }
}
