package katas.tool.bench;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import katas.support.Generators;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.exchange.BroadcastExchangeExec;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

/** The Spark lessons' claims, each on generated transactions. */
final class SparkLessons {

    private SparkLessons() {}

    static List<Lesson> all() {
        return List.of(
                new BroadcastJoin(), new SkewSalting(), new WindowFunctions(), new ParquetPushdown(), new SmallFiles());
    }

    private static final String SHUFFLE_MB = "shuffle MB written";
    private static final String SHUFFLES = "shuffle exchanges";
    private static final String BROADCASTS = "broadcast exchanges";

    /** Guide 3.3 ex.2: every transaction joined to its user, the users sorted and merged, or sent whole. */
    static final class BroadcastJoin extends SparkLesson {
        @Override
        public About about() {
            return new About(
                    "broadcast-join",
                    "3.3 ex.2: A broadcast join is faster than a sort-merge join",
                    List.of("sort-merge", "broadcast"));
        }

        @Override
        protected void write() {
            Generators.transactions(spark, scale.rows, scale.rows / 10, 0)
                    .write()
                    .parquet(path("transactions"));
            Generators.users(spark, scale.rows / 10).write().parquet(path("users"));
        }

        @Override
        public Map<String, Double> run(String variant) throws Exception {
            Dataset<Row> transactions = spark.read().parquet(path("transactions"));
            Dataset<Row> users = spark.read().parquet(path("users"));
            boolean sortMerge = variant.equals("sort-merge");
            // -1: no broadcast decided by size, before or during the run (AQE falls back to this threshold).
            set("spark.sql.autoBroadcastJoinThreshold", sortMerge ? "-1" : "10485760");
            Dataset<Row> joined = transactions.join(sortMerge ? users : broadcast(users), "userId");
            return runToTheEnd(joined, (metrics, found) -> {
                found.put(SHUFFLE_MB, metrics.shuffleMegabytesWritten());
                found.put(SHUFFLES, (double)
                        metrics.planNodes(ShuffleExchangeExec.class).size());
                found.put(BROADCASTS, (double)
                        metrics.planNodes(BroadcastExchangeExec.class).size());
            });
        }

        @Override
        public String verdict(Result result) {
            return result.verdict(
                    "broadcast",
                    ("the broadcast join's plan had %.0f shuffle exchanges and %.0f broadcast, and shuffled %.1f MB;"
                                    + " the sort-merge join's %.0f shuffle exchanges wrote %.1f MB")
                            .formatted(
                                    result.evidence("broadcast", SHUFFLES),
                                    result.evidence("broadcast", BROADCASTS),
                                    result.evidence("broadcast", SHUFFLE_MB),
                                    result.evidence("sort-merge", SHUFFLES),
                                    result.evidence("sort-merge", SHUFFLE_MB)));
        }
    }

    /** Guide 3.3 ex.4: transactions of a hot country joined to the countries, plain or salted. */
    static final class SkewSalting extends SparkLesson {
        private static final int BUCKETS = 8;
        private static final String BUSIEST = "rows of the busiest join task";
        private static final String MEDIAN = "rows of the median join task";
        private static final String BUSIEST_MS = "ms of the slowest join task";
        private static final String MEDIAN_MS = "ms of the median join task";

        @Override
        public About about() {
            return new About("skew-salting", "3.3 ex.4: Salting spreads a hot key", List.of("plain", "salted"));
        }

        @Override
        protected void write() {
            Generators.transactions(spark, scale.rows, 1000, 50).write().parquet(path("transactions"));
            Generators.countries(spark).write().parquet(path("countries"));
        }

        @Override
        public Map<String, Double> run(String variant) throws Exception {
            set("spark.sql.autoBroadcastJoinThreshold", "-1"); // the skew of a shuffle join is the lesson
            Dataset<Row> transactions = spark.read().parquet(path("transactions"));
            Dataset<Row> countries = spark.read().parquet(path("countries"));
            Dataset<Row> joined = variant.equals("plain")
                    ? transactions.join(countries, "country")
                    : transactions
                            .withColumn("salt", pmod(hash(col("transactionId")), lit(BUCKETS)))
                            .join(
                                    countries.withColumn("salt", explode(sequence(lit(0), lit(BUCKETS - 1)))),
                                    new String[] {"country", "salt"});
            return runToTheEnd(joined, (metrics, found) -> {
                List<SparkTaskMetrics.Task> join = metrics.busiestShuffleReadingStage();
                List<Long> rows = join.stream()
                        .map(SparkTaskMetrics.Task::shuffleRecordsRead)
                        .sorted()
                        .toList();
                List<Long> millis = join.stream()
                        .map(SparkTaskMetrics.Task::runMillis)
                        .sorted()
                        .toList();
                found.put(BUSIEST, (double) rows.get(rows.size() - 1));
                found.put(MEDIAN, (double) rows.get(rows.size() / 2));
                found.put(BUSIEST_MS, (double) millis.get(millis.size() - 1));
                found.put(MEDIAN_MS, (double) millis.get(millis.size() / 2));
            });
        }

        @Override
        public String verdict(Result result) {
            return result.verdict(
                    "salted",
                    ("the busiest join task read %.0f rows plain, %.0f salted (the median task %.0f and %.0f); the"
                                    + " slowest took %.0f ms plain, %.0f salted (the median %.0f and %.0f)")
                            .formatted(
                                    result.evidence("plain", BUSIEST),
                                    result.evidence("salted", BUSIEST),
                                    result.evidence("plain", MEDIAN),
                                    result.evidence("salted", MEDIAN),
                                    result.evidence("plain", BUSIEST_MS),
                                    result.evidence("salted", BUSIEST_MS),
                                    result.evidence("plain", MEDIAN_MS),
                                    result.evidence("salted", MEDIAN_MS)));
        }
    }

    /** Guide 3.3 ex.3: each transaction ranked, over all rows or within its user. */
    static final class WindowFunctions extends SparkLesson {
        private static final String TASKS = "tasks ranking";
        private static final String BUSIEST = "rows of the busiest ranking task";

        @Override
        public About about() {
            return new About(
                    "window-functions",
                    "3.3 ex.3: A window with no partition is slow; partitioned is fast",
                    List.of("global", "partitioned"));
        }

        @Override
        protected void write() {
            Generators.transactions(spark, scale.rows, scale.rows / 10, 0)
                    .write()
                    .parquet(path("transactions"));
        }

        @Override
        public Map<String, Double> run(String variant) throws Exception {
            Dataset<Row> transactions = spark.read().parquet(path("transactions"));
            var order = variant.equals("global")
                    ? Window.orderBy(col("amount").desc())
                    : Window.partitionBy("userId").orderBy(col("amount").desc());
            return runToTheEnd(transactions.withColumn("rank", rank().over(order)), (metrics, found) -> {
                List<SparkTaskMetrics.Task> ranking = metrics.busiestShuffleReadingStage();
                found.put(TASKS, (double) ranking.size());
                found.put(BUSIEST, (double) ranking.stream()
                        .mapToLong(SparkTaskMetrics.Task::shuffleRecordsRead)
                        .max()
                        .orElse(0));
            });
        }

        @Override
        public String verdict(Result result) {
            return result.verdict(
                    "partitioned",
                    "the global window ranked %.0f rows in %.0f task, the partitioned one in %.0f tasks (at most %.0f each)"
                            .formatted(
                                    result.evidence("global", BUSIEST),
                                    result.evidence("global", TASKS),
                                    result.evidence("partitioned", TASKS),
                                    result.evidence("partitioned", BUSIEST)));
        }
    }

    /** Guide 1.5 and 3.3 ex.1: the few transactions over 499.90 read from JSON, CSV and Parquet. */
    static final class ParquetPushdown extends SparkLesson {
        private static final String MB_READ = "input MB read";
        private static final String ROWS_READ = "records the scan counted";
        private static final String ROWS_ON = "rows the scan handed on";
        private static final String ROW_GROUPS = "row groups in the files";

        @Override
        public About about() {
            return new About(
                    "parquet-pushdown",
                    "1.5: Parquet for training data: columnar storage reduces I/O",
                    List.of("json", "csv", "parquet"));
        }

        @Override
        protected void write() {
            // Sorted by amount, so that the row groups' statistics can exclude most of them.
            Dataset<Row> transactions = Generators.transactions(spark, scale.rows, scale.rows / 10, 0)
                    .orderBy("amount");
            transactions.write().json(path("json"));
            transactions.write().option("header", true).csv(path("csv"));
            transactions.write().option("parquet.block.size", 1 << 20).parquet(path("parquet"));
        }

        @Override
        public Map<String, Double> run(String variant) throws Exception {
            StructType schema = spark.read().parquet(path("parquet")).schema();
            Dataset<Row> read = switch (variant) {
                case "json" -> spark.read().schema(schema).json(path("json"));
                case "csv" -> spark.read().schema(schema).option("header", true).csv(path("csv"));
                default -> spark.read().parquet(path("parquet"));
            };
            return runToTheEnd(read.where(col("amount").gt(499.9)).select("userId", "amount"), (metrics, found) -> {
                found.put(MB_READ, metrics.inputMegabytesRead());
                found.put(ROWS_READ, (double) metrics.inputRecordsRead());
                found.put(ROWS_ON, (double) metrics.planNodes(FileSourceScanExec.class).stream()
                        .mapToLong(scan -> scan.metrics().apply("numOutputRows").value())
                        .sum());
                found.put(ROW_GROUPS, variant.equals("parquet") ? rowGroups(path("parquet")) : 0);
            });
        }

        /** The row groups of the Parquet files under {@code folder}, from their footers. */
        private double rowGroups(String folder) throws IOException {
            Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            long groups = 0;
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path file : files.filter(SparkLessons::isParquet).toList()) {
                    try (ParquetFileReader reader = ParquetFileReader.open(
                            HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), hadoop))) {
                        groups += reader.getRowGroups().size();
                    }
                }
            }
            return groups;
        }

        @Override
        public String verdict(Result result) {
            return result.verdict(
                    "parquet",
                    ("Parquet read %.1f MB, CSV %.1f MB, JSON %.1f MB; Parquet decoded %.0f rows, those of the row"
                                    + " groups (of %.0f in the files) whose statistics could hold a match, and handed"
                                    + " them all on to the filter (%.0f); CSV and JSON parsed every line and handed on"
                                    + " the %.0f and %.0f rows the filter pushed into their reader kept")
                            .formatted(
                                    result.evidence("parquet", MB_READ),
                                    result.evidence("csv", MB_READ),
                                    result.evidence("json", MB_READ),
                                    result.evidence("parquet", ROWS_READ),
                                    result.evidence("parquet", ROW_GROUPS),
                                    result.evidence("parquet", ROWS_ON),
                                    result.evidence("csv", ROWS_ON),
                                    result.evidence("json", ROWS_ON)));
        }
    }

    private static boolean isParquet(Path file) {
        return file.toString().endsWith(".parquet");
    }

    /** Guide 7: the same transactions read back from many small files or from a few. */
    static final class SmallFiles extends SparkLesson {
        private static final int MANY = 400;
        private static final String FILES = "files";
        private static final String TASKS = "scan tasks";

        @Override
        public About about() {
            return new About(
                    "small-files",
                    "7: Small files on Spark: coalesce(), repartition()",
                    List.of(MANY + " files", "2 files"));
        }

        @Override
        protected void write() {
            Dataset<Row> transactions = Generators.transactions(spark, scale.rows, scale.rows / 10, 0);
            transactions.repartition(MANY).write().parquet(path("many"));
            transactions.coalesce(2).write().parquet(path("few"));
        }

        @Override
        public Map<String, Double> run(String variant) throws Exception {
            String folder = path(variant.equals("2 files") ? "few" : "many");
            Dataset<Row> total = spark.read().parquet(folder).groupBy("country").agg(sum("amount"));
            return runToTheEnd(total, (metrics, found) -> {
                found.put(FILES, (double) parquetFiles(folder));
                found.put(TASKS, (double) metrics.tasks().stream()
                        .filter(task -> task.inputRecords() > 0)
                        .count());
            });
        }

        private static long parquetFiles(String folder) {
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                return files.filter(SparkLessons::isParquet).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String verdict(Result result) {
            return result.verdict(
                    "2 files",
                    "%.0f files read in %.0f tasks against %.0f files in %.0f"
                            .formatted(
                                    result.evidence(MANY + " files", FILES),
                                    result.evidence(MANY + " files", TASKS),
                                    result.evidence("2 files", FILES),
                                    result.evidence("2 files", TASKS)));
        }
    }
}
