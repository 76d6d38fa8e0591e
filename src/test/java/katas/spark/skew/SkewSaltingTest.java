package katas.spark.skew;

import static org.apache.spark.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import katas.support.Fixtures;
import katas.testing.Lesson;
import katas.testing.Once;
import katas.testing.Output;
import katas.testing.Plans;
import katas.testing.SparkSql;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.execution.joins.SortMergeJoinExec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@Tag("skew-salting")
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one instance, so each read and each join runs once per run
class SkewSaltingTest {

    private static final String[] JOINED_COLUMNS = {
        "transactionId", "userId", "country", "amount", "region", "continent"
    };
    private static final StructType TRANSACTIONS = new StructType()
            .add("transactionId", DataTypes.StringType)
            .add("userId", DataTypes.StringType)
            .add("country", DataTypes.StringType)
            .add("amount", DataTypes.DoubleType);
    private static final int SKEWED_ROWS = 2_000;
    private static final int SHUFFLE_PARTITIONS = 16;

    // Salting is what is graded: Spark must neither broadcast the small side, nor split skewed
    // partitions itself (AQE's skew join), nor merge small partitions after the shuffle.
    private static final Map<String, String> SHUFFLED_AS_PLANNED = new HashMap<>(SparkSql.autoBroadcastOff());

    static {
        SHUFFLED_AS_PLANNED.put("spark.sql.adaptive.skewJoin.enabled", "false");
        SHUFFLED_AS_PLANNED.put("spark.sql.adaptive.coalescePartitions.enabled", "false");
        SHUFFLED_AS_PLANNED.put("spark.sql.shuffle.partitions", String.valueOf(SHUFFLE_PARTITIONS));
    }

    private final Once<Dataset<Row>> transactions = Once.of(() -> SkewSalting.readTransactions(
            SparkSql.session(), Fixtures.path("country_transactions.csv").toString()));
    private final Once<Dataset<Row>> countries = Once.of(() -> SkewSalting.readCountries(
            SparkSql.session(), Fixtures.path("countries.csv").toString()));

    private Dataset<Row> transactions() {
        return transactions.get();
    }

    private Dataset<Row> countries() {
        return countries.get();
    }

    /** 2,000 transactions, 90 % of them from the US, the rest from CA and UK; fixed seed. */
    private static Dataset<Row> skewedTransactions() {
        Random random = new Random(42);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < SKEWED_ROWS; i++) {
            String country = i % 10 != 0 ? "US" : i % 20 == 0 ? "CA" : "UK";
            rows.add(RowFactory.create("t" + i, "u" + random.nextInt(500), country, (double) random.nextInt(1_000)));
        }
        return SparkSql.session().createDataFrame(rows, TRANSACTIONS);
    }

    /** The plain and the salted join of the skewed rows, each run once, every row with the partition it was joined in. */
    private record SkewedJoins(Plans.Executed plain, Plans.Executed salted) {}

    private SkewedJoins skewedJoins;

    private SkewedJoins skewedJoins() throws Exception {
        if (skewedJoins == null) {
            SparkSql.withSqlConf(SHUFFLED_AS_PLANNED, () -> {
                Dataset<Row> skewed = skewedTransactions();
                Plans.Executed plain = withPartitions(skewed.join(countries(), "country"));
                skewedJoins = new SkewedJoins(
                        plain, withPartitions(SkewSalting.saltedJoin(skewed, countries(), SkewSalting.SALT_BUCKETS)));
            });
        }
        return skewedJoins;
    }

    private static Plans.Executed withPartitions(Dataset<Row> joined) {
        return Plans.execute(joined.selectExpr(JOINED_COLUMNS).withColumn("partition", spark_partition_id()));
    }

    private static List<String> withoutPartitions(Plans.Executed joined) {
        return joined.rows().stream()
                .map(row -> row.substring(0, row.lastIndexOf(',')) + "]")
                .toList();
    }

    /** How many joined US rows each partition of the join holds, largest first. */
    private static List<Long> usRowsPerPartition(Plans.Executed joined) {
        return joined.rows().stream()
                .filter(row -> row.contains(",US,"))
                .collect(Collectors.groupingBy(row -> row.substring(row.lastIndexOf(',')), Collectors.counting()))
                .values()
                .stream()
                .sorted(Comparator.reverseOrder())
                .toList();
    }

    @Test
    @Order(1)
    @DisplayName("the salted join gives the guide's rows exactly as the plain join does, without the salt")
    void saltedJoinEqualsPlainJoinOnTheGuideRows() {
        Dataset<Row> salted = SkewSalting.saltedJoin(transactions(), countries(), SkewSalting.SALT_BUCKETS);

        assertThat(salted.columns())
                .as("each column once: the transactions', region and continent; no salt")
                .containsExactlyInAnyOrder(JOINED_COLUMNS);
        List<String> rows = Plans.execute(salted.selectExpr(JOINED_COLUMNS)).rows();
        assertThat(rows)
                .containsExactlyInAnyOrderElementsOf(Plans.execute(
                                transactions().join(countries(), "country").selectExpr(JOINED_COLUMNS))
                        .rows());
        assertThat(rows).hasSize(7).contains("[t101,u111,UK,75.0,Western Europe,Europe]");
    }

    @Test
    @Order(2)
    @DisplayName("on 2,000 skewed rows the salted join loses and duplicates nothing")
    void saltedJoinEqualsPlainJoinOnSkewedRows() throws Exception {
        assertThat(withoutPartitions(skewedJoins().salted()))
                .hasSize(SKEWED_ROWS)
                .containsExactlyInAnyOrderElementsOf(
                        withoutPartitions(skewedJoins().plain()));
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("salting spreads the hot key: the US rows land in at least 5 partitions, none holding over 40 %")
    void saltingSpreadsTheHotKey() throws Exception {
        assertThat(usRowsPerPartition(skewedJoins().plain()))
                .as("without salt, one task gets every US row")
                .containsExactly(1_800L);
        assertThat(usRowsPerPartition(skewedJoins().salted()))
                .as("US rows per partition of the salted join, largest first")
                .hasSizeGreaterThanOrEqualTo(5)
                .allMatch(rows -> rows <= 0.4 * 1_800);
        assertThat(skewedJoins().salted().nodes(SortMergeJoinExec.class))
                .as(
                        "a shuffle join, both sides shuffled by the salted key: %s",
                        skewedJoins().salted().nodeNames())
                .hasSize(1);
    }

    @Test
    @Order(4)
    @DisplayName("main prints the joined rows with their region")
    void mainPrintsJoinedRows() throws Exception {
        String printed = Output.capture(() -> SkewSalting.main(new String[0]));

        assertThat(printed)
                .contains(
                        "|transactionId|userId|country|region",
                        "|t1           |u123  |US     |North America |100.0 |",
                        "|t101         |u111  |UK     |Western Europe|75.0  |");
    }
}
