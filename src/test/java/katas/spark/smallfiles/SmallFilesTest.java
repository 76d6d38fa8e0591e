package katas.spark.smallfiles;

import static org.apache.spark.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.Plans;
import katas.testing.SparkSql;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.physical.RoundRobinPartitioning;
import org.apache.spark.sql.execution.CoalesceExec;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("small-files")
class SmallFilesTest {

    @TempDir
    Path temp;

    /** 1,000 purchases of three countries in four partitions. */
    private static Dataset<Row> purchases() {
        return SmallFiles.purchases(SparkSql.session());
    }

    @Test
    @Lesson
    @Order(1)
    @DisplayName("4 partitions become 2 files without moving rows across the network, none lost")
    void coalesceMergesWithoutShuffle() throws Exception {
        Dataset<Row> merged = SmallFiles.mergedWithoutShuffle(purchases(), 2);
        Plans.Executed executed = Plans.execute(merged);

        assertThat(executed.nodes(CoalesceExec.class))
                .as("coalesce(n) merges partitions in place; plan %s", executed.nodeNames())
                .hasSize(1);
        assertThat(executed.nodes(ShuffleExchangeExec.class))
                .as("no shuffle: partitions are only merged")
                .isEmpty();
        assertThat(executed.rows()).hasSize(1_000);
        merged.write().parquet(temp.resolve("coalesced").toString());
        assertThat(SmallFiles.parquetFiles(temp.resolve("coalesced")))
                .as("one file per partition")
                .isEqualTo(2);
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("2 files of about 500 rows each, spread evenly")
    void repartitionShufflesEvenly() throws Exception {
        Dataset<Row> shuffled = SmallFiles.evenlyShuffled(purchases(), 2);
        Plans.Executed sizes = Plans.execute(
                shuffled.groupBy(spark_partition_id().as("partition")).count());

        assertThat(sizes.nodes(ShuffleExchangeExec.class))
                .extracting(ShuffleExchangeExec::outputPartitioning)
                .as("the repartition's shuffle (the other one is the count's), in plan %s", sizes.nodeNames())
                .filteredOn(RoundRobinPartitioning.class::isInstance)
                .singleElement()
                .isInstanceOfSatisfying(
                        RoundRobinPartitioning.class,
                        roundRobin -> assertThat(roundRobin.numPartitions()).isEqualTo(2));
        assertThat(sizes.rows())
                .as("[partition, rows]")
                .hasSize(2)
                .allSatisfy(row -> assertThat(Long.parseLong(row.replaceAll(".*,(\\d+)]", "$1")))
                        .isBetween(450L, 550L));
        shuffled.write().parquet(temp.resolve("repartitioned").toString());
        assertThat(SmallFiles.parquetFiles(temp.resolve("repartitioned"))).isEqualTo(2);
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("written in a folder per country, each country is one file")
    void repartitionByCountryBeforePartitionBy() throws Exception {
        Dataset<Row> byCountry = SmallFiles.onePartitionPerCountry(purchases());
        Plans.Executed executed = Plans.execute(byCountry);
        assertThat(executed.nodes(ShuffleExchangeExec.class))
                .as("plan %s", executed.nodeNames())
                .singleElement()
                .extracting(exchange -> Plans.partitioningColumns(exchange.outputPartitioning()))
                .as("the shuffle's keys: rows of one country must go to one task (by hash or by range of country)")
                .isEqualTo(List.of("country"));

        Path written = temp.resolve("by-country-repartitioned");
        SmallFiles.writePartitionedByCountry(byCountry, written.toString());
        for (String country : List.of("US", "CA", "UK")) {
            assertThat(SmallFiles.parquetFiles(written.resolve("country=" + country)))
                    .as("files for %s", country)
                    .isEqualTo(1);
        }
        assertThat(SparkSql.session().read().parquet(written.toString()).count())
                .isEqualTo(1_000);
        assertThat(Files.exists(written.resolve("_SUCCESS"))).isTrue();
    }

    @Test
    @Order(4)
    @DisplayName(
            "main prints how many files each way of writing made; partitionBy alone makes one per task and country")
    void mainPrintsFileCounts() throws Exception {
        String printed = Output.capture(
                () -> SmallFiles.main(new String[] {temp.resolve("main").toString()}));

        assertThat(printed)
                .contains(
                        "as-is                       4 Parquet files",
                        "coalesced                   2 Parquet files",
                        "repartitioned               2 Parquet files",
                        "by-country                 12 Parquet files",
                        "by-country-repartitioned    3 Parquet files");
    }
}
