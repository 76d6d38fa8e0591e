package katas.spark.smallfiles;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import katas.support.LocalSpark;
import katas.support.ScratchFolder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Guide part 7, small files: every task of a write produces its own file, and a write into one folder per
 * value of a column one file per value the task holds. Many small files make every later read slow (one
 * task, one open and one footer per file). Fewer files come from fewer partitions before the write:
 * merged without a shuffle (cheap, but the upstream work runs in n tasks and the files can be uneven),
 * shuffled into n even partitions, or shuffled by the column, so that each value sits in one partition
 * and the write per value makes one file per value.
 */
public final class SmallFiles {

    private SmallFiles() {}

    /** {@code files} partitions made by merging existing ones, without a shuffle. */
    public static Dataset<Row> mergedWithoutShuffle(Dataset<Row> data, int files) {
        // @kata:solution
        return data.coalesce(files);
        // @kata:end
    }

    /** {@code files} partitions of even size, made by a round-robin shuffle. */
    public static Dataset<Row> evenlyShuffled(Dataset<Row> data, int files) {
        // @kata:solution
        return data.repartition(files);
        // @kata:end
    }

    /** One partition per country (a partition may hold several), so each country is written by one task. */
    public static Dataset<Row> onePartitionPerCountry(Dataset<Row> data) {
        // @kata:solution
        return data.repartition(col("country"));
        // @kata:end
    }

    /** Writes {@code data} as Parquet into {@code path}, one folder per country ({@code country=US}, ...). */
    public static void writePartitionedByCountry(Dataset<Row> data, String path) {
        // @kata:solution
        data.write().mode(SaveMode.Overwrite).partitionBy("country").parquet(path);
        // @kata:end
    }

    /** Purchases of three countries in four partitions, as a job with four tasks would leave them. */
    public static Dataset<Row> purchases(SparkSession spark) {
        return spark.range(0, 1_000, 1, 4)
                .selectExpr(
                        "id",
                        "element_at(array('US', 'CA', 'UK'), CAST(id % 3 AS INT) + 1) AS country",
                        "CAST(id % 97 AS DOUBLE) AS amount");
    }

    /** Writes the purchases five ways into {@code args[0]} (default: a temporary folder, removed after) and counts the files. */
    public static void main(String[] args) throws IOException {
        if (args.length > 0) {
            writeFiveWays(Path.of(args[0]));
            return;
        }
        try (ScratchFolder output = ScratchFolder.create("small-files-")) {
            writeFiveWays(output.path());
        }
    }

    private static void writeFiveWays(Path output) throws IOException {
        SparkSession spark = LocalSpark.session();
        Dataset<Row> purchases = purchases(spark);
        purchases.write().parquet(output.resolve("as-is").toString());
        mergedWithoutShuffle(purchases, 2)
                .write()
                .parquet(output.resolve("coalesced").toString());
        evenlyShuffled(purchases, 2)
                .write()
                .parquet(output.resolve("repartitioned").toString());
        purchases
                .write()
                .partitionBy("country")
                .parquet(output.resolve("by-country").toString());
        writePartitionedByCountry(
                onePartitionPerCountry(purchases),
                output.resolve("by-country-repartitioned").toString());

        System.out.println("Written under " + output);
        for (String folder :
                new String[] {"as-is", "coalesced", "repartitioned", "by-country", "by-country-repartitioned"}) {
            System.out.printf("%-25s %3d Parquet files%n", folder, parquetFiles(output.resolve(folder)));
        }
    }

    /** The number of Parquet files under {@code folder}, in all its subfolders. */
    public static long parquetFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".parquet")).count();
        }
    }
}
