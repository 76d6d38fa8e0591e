package katas.claims;

import static org.apache.spark.sql.functions.rank;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import katas.testing.Plans;
import katas.testing.SparkJobs;
import katas.testing.SparkSql;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.HashPartitioner;
import org.apache.spark.ShuffleDependency;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.memory.UnifiedMemoryManager;
import org.apache.spark.rdd.RDD;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.apache.spark.sql.execution.joins.BroadcastHashJoinExec;
import org.apache.spark.sql.execution.joins.SortMergeJoinExec;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * The guide's claims about Spark that a run can settle, each a row of CLAIMS.md (the test's name is the
 * row's pointer). Defaults are read from a fresh {@link SQLConf}, not from the tests' session, which
 * changes some of them.
 */
@Tag("claim")
class SparkClaimsTest {

    private static final int ROWS = 100_000;

    @TempDir
    Path temp;

    /** 100,000 rows sorted by value (0.00 to 999.99), so that a file's row groups hold ranges of values. */
    private static Dataset<Row> sortedValues() {
        return SparkSql.session().range(0, ROWS, 1, 1).selectExpr("id", "CAST(id / 100.0 AS DOUBLE) AS value");
    }

    private static long rowsTheScanHandedOn(Dataset<Row> query) {
        return (long) Plans.execute(query)
                .fileScan()
                .metrics()
                .get("numOutputRows")
                .get()
                .value();
    }

    private static List<String> fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("part-"))
                    .toList();
        }
    }

    @Test
    @DisplayName(
            "3.4: AQE, its skew join and partition coalescing are on by default; 200 shuffle partitions; 10 MB broadcast")
    void tuningDefaults() {
        SQLConf defaults = new SQLConf();
        assertThat(defaults.getConfString("spark.sql.adaptive.enabled")).isEqualTo("true");
        assertThat(defaults.getConfString("spark.sql.adaptive.skewJoin.enabled"))
                .isEqualTo("true");
        assertThat(defaults.getConfString("spark.sql.adaptive.coalescePartitions.enabled"))
                .isEqualTo("true");
        assertThat(defaults.numShufflePartitions()).isEqualTo(200);
        assertThat(defaults.autoBroadcastJoinThreshold()).isEqualTo(10L * 1024 * 1024);
    }

    @Test
    @DisplayName(
            "3.4: the adaptive broadcast threshold falls back to the static one: -1 there alone gives a sort-merge join")
    void adaptiveBroadcastThresholdFallsBack() throws Exception {
        // A query is planned once: each setting gets a query of its own.
        Supplier<Dataset<Row>> join = () -> {
            Dataset<Row> users =
                    SparkSql.session().range(0, 10).selectExpr("id AS userId", "CAST(id AS STRING) AS name");
            return SparkSql.session()
                    .range(0, 1000)
                    .selectExpr("id % 10 AS userId", "id AS amount")
                    .join(users, "userId");
        };

        assertThat(Plans.execute(join.get()).nodes(BroadcastHashJoinExec.class))
                .as("a few bytes of users at default settings")
                .isNotEmpty();
        SparkSql.withSqlConf(Map.of("spark.sql.autoBroadcastJoinThreshold", "-1"), () -> {
            Plans.Executed sortMerged = Plans.execute(join.get());
            assertThat(sortMerged.nodes(BroadcastHashJoinExec.class)).isEmpty();
            assertThat(sortMerged.nodes(SortMergeJoinExec.class)).isNotEmpty();
        });
    }

    @Test
    @DisplayName("3.3 ex.3: rank() refuses a window frame other than its own instead of ignoring it")
    void rankRejectsAnotherFrame() {
        WindowSpec byUser = Window.partitionBy("userId").orderBy("amount");
        Dataset<Row> purchases = SparkSql.session().range(0, 10).selectExpr("id % 2 AS userId", "id AS amount");

        assertThat(purchases.withColumn("rank", rank().over(byUser)).count()).isEqualTo(10);
        assertThatThrownBy(() -> purchases.withColumn("rank", rank().over(byUser.rowsBetween(-1, 1))))
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("must match the required frame");
    }

    @Test
    @DisplayName(
            "3.3 ex.4: rand() draws its seed once per query: every run of a query salts alike, a new query differently")
    void randIsFixedPerQuery() {
        Dataset<Row> salted =
                SparkSql.session().range(0, 1000, 1, 4).selectExpr("id", "CAST(rand() * 10 AS INT) AS salt");
        Dataset<Row> saltedAgain =
                SparkSql.session().range(0, 1000, 1, 4).selectExpr("id", "CAST(rand() * 10 AS INT) AS salt");

        List<Row> first = salted.collectAsList();
        assertThat(salted.collectAsList()).as("the same query run again").isEqualTo(first);
        assertThat(saltedAgain.collectAsList()).as("the same text, a new query").isNotEqualTo(first);
    }

    @Test
    @DisplayName(
            "3.2: reading CSV or JSON without a schema runs a job at once, even with no option; with one it does not")
    void schemaLessReadsRunAJob() throws Exception {
        Path csv = Files.writeString(temp.resolve("users.csv"), "u1,Alice\nu2,Bob\n");
        Path json = Files.writeString(temp.resolve("users.json"), "{\"userId\":\"u1\"}\n");
        StructType schema = new StructType().add("userId", DataTypes.StringType);
        try (SparkJobs jobs = SparkJobs.countIn(SparkSql.session())) {
            SparkSql.session().read().schema(schema).csv(csv.toString());
            SparkSql.session().read().schema(schema).json(json.toString());
            assertThat(jobs.started()).as("jobs run by reads with a schema").isZero();
            SparkSql.session().read().csv(csv.toString());
            assertThat(jobs.started())
                    .as("jobs run by a CSV read with no schema and no option")
                    .isEqualTo(1);
            SparkSql.session().read().json(json.toString());
            assertThat(jobs.started())
                    .as("jobs run by both reads without a schema")
                    .isEqualTo(2);
        }
    }

    /** A Java record, as a learner would write a row class. */
    record Purchase(String userId, double amount) {}

    @Test
    @DisplayName("3.4: Spark's Kryo 4 can neither write nor read a Java record")
    void kryoCannotWriteARecord() {
        SerializerInstance kryo = new KryoSerializer(new SparkConf(false)).newInstance();
        assertThatThrownBy(() -> kryo.serialize(new Purchase("u1", 9.5), ClassTag$.MODULE$.apply(Purchase.class)))
                .hasRootCauseInstanceOf(UnsupportedOperationException.class)
                .rootCause()
                .hasMessageContaining("record");
    }

    @Test
    @DisplayName("3.4: spark.memory.fraction sizes unified memory; spark.executor.memory sizes nothing of it")
    void memoryFraction() {
        // A heap of exactly 2 GiB (Spark's own testing setting), so that the figures do not depend on -Xmx.
        long heap = 2L * 1024 * 1024 * 1024;
        long reserved = 300L * 1024 * 1024;
        SparkConf conf = new SparkConf(false).set("spark.testing.memory", Long.toString(heap));

        long atDefault = UnifiedMemoryManager.apply(conf.clone(), 1).maxHeapMemory();
        long atTwoTenths = UnifiedMemoryManager.apply(conf.clone().set("spark.memory.fraction", "0.2"), 1)
                .maxHeapMemory();
        long withEightGigExecutors = UnifiedMemoryManager.apply(conf.clone().set("spark.executor.memory", "8g"), 1)
                .maxHeapMemory();

        assertThat(atDefault).isEqualTo((long) ((heap - reserved) * 0.6));
        assertThat(atTwoTenths).isEqualTo((long) ((heap - reserved) * 0.2));
        // The heap is the JVM's: in local mode the driver's, on a cluster the executor JVM that
        // spark.executor.memory sized when it was started.
        assertThat(withEightGigExecutors).isEqualTo(atDefault);
    }

    @Test
    @DisplayName(
            "3.4, 7: a DataFrame shuffle writes rows with UnsafeRowSerializer whatever spark.serializer; an RDD's uses spark.serializer")
    void dataFrameShufflesIgnoreTheSerializer() {
        Plans.Executed aggregation = Plans.execute(SparkSql.session()
                .range(0, 1000)
                .selectExpr("id % 10 AS key")
                .groupBy("key")
                .count());
        List<ShuffleExchangeExec> exchanges = aggregation.nodes(ShuffleExchangeExec.class);
        assertThat(exchanges).isNotEmpty();
        assertThat(exchanges.get(0).shuffleDependency().serializer().getClass().getName())
                .isEqualTo("org.apache.spark.sql.execution.UnsafeRowSerializer");

        RDD<Tuple2<Long, Long>> shuffled = JavaSparkContext.fromSparkContext(
                        SparkSql.session().sparkContext())
                .parallelize(List.of(1L, 2L, 3L), 2)
                .mapToPair(value -> new Tuple2<>(value % 2, value))
                .partitionBy(new HashPartitioner(2))
                .rdd();
        ShuffleDependency<?, ?, ?> rddShuffle =
                (ShuffleDependency<?, ?, ?>) shuffled.dependencies().head();
        assertThat(rddShuffle.serializer().getClass())
                .isEqualTo(SparkEnv.get().serializer().getClass());
    }

    @Test
    @DisplayName("1.5: CSV and JSON are written compressed (gzip here) and read back as they were")
    void csvAndJsonCompress() throws IOException {
        Dataset<Row> rows = SparkSql.session().range(0, 100).selectExpr("id", "CAST(id AS STRING) AS name");
        for (String format : List.of("csv", "json")) {
            Path folder = temp.resolve(format);
            rows.write().option("compression", "gzip").format(format).save(folder.toString());

            assertThat(fileNames(folder)).allMatch(name -> name.endsWith("." + format + ".gz"));
            Dataset<Row> back = SparkSql.session()
                    .read()
                    .schema(rows.schema())
                    .format(format)
                    .load(folder.toString());
            assertThat(back.except(rows).count() + rows.except(back).count()).isZero();
        }
    }

    @Test
    @DisplayName("1.5: Parquet compresses with Snappy by default and with Zstd on request")
    void parquetCompression() throws IOException {
        assertThat(new SQLConf().getConfString("spark.sql.parquet.compression.codec"))
                .isEqualTo("snappy");
        Path folder = temp.resolve("zstd");
        sortedValues().write().option("compression", "zstd").parquet(folder.toString());

        assertThat(fileNames(folder)).allMatch(name -> name.endsWith(".zstd.parquet"));
        assertThat(SparkSql.session().read().parquet(folder.toString()).count()).isEqualTo(ROWS);
    }

    @Test
    @DisplayName(
            "1.5: ORC compresses (Snappy by Spark's default, Zlib on request) and its pushed filters skip row groups")
    void orcCompressionAndPushdown() throws Exception {
        assertThat(new SQLConf().getConfString("spark.sql.orc.compression.codec"))
                .isEqualTo("snappy");
        assertThat(new SQLConf().getConfString("spark.sql.orc.filterPushdown")).isEqualTo("true");
        Path folder = temp.resolve("orc");
        sortedValues().write().option("compression", "zlib").orc(folder.toString());
        assertThat(fileNames(folder)).allMatch(name -> name.endsWith(".zlib.orc"));

        long[] handedOn = new long[2];
        for (int pushdown = 0; pushdown < 2; pushdown++) {
            int index = pushdown;
            SparkSql.withSqlConf(Map.of("spark.sql.orc.filterPushdown", Boolean.toString(pushdown == 1)), () -> {
                handedOn[index] = rowsTheScanHandedOn(
                        SparkSql.session().read().orc(folder.toString()).filter("value > 990"));
            });
        }
        assertThat(handedOn[0]).as("rows read without pushdown").isEqualTo(ROWS);
        // ORC indexes every 10,000 rows: the scan reads the one row group whose range passes the filter.
        assertThat(handedOn[1]).as("rows read with pushdown").isEqualTo(10_000);
    }

    @Test
    @DisplayName("1.5: Avro compresses (Snappy by default) and, unlike the table says, takes pushed filters by default")
    void avroCompressionAndPushdown() throws Exception {
        assertThat(new SQLConf().getConfString("spark.sql.avro.compression.codec"))
                .isEqualTo("snappy");
        assertThat(new SQLConf().getConfString("spark.sql.avro.filterPushdown.enabled"))
                .isEqualTo("true");
        Path folder = temp.resolve("avro");
        sortedValues().write().format("avro").save(folder.toString());
        File firstFile = folder.resolve(fileNames(folder).get(0)).toFile();
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(firstFile, new GenericDatumReader<>())) {
            assertThat(reader.getMetaString("avro.codec")).isEqualTo("snappy");
        }

        long[] handedOn = new long[2];
        for (int pushdown = 0; pushdown < 2; pushdown++) {
            int index = pushdown;
            SparkSql.withSqlConf(
                    Map.of("spark.sql.avro.filterPushdown.enabled", Boolean.toString(pushdown == 1)), () -> {
                        handedOn[index] = rowsTheScanHandedOn(SparkSql.session()
                                .read()
                                .format("avro")
                                .load(folder.toString())
                                .filter("value > 990"));
                    });
        }
        assertThat(handedOn[0]).as("rows handed on without pushdown").isEqualTo(ROWS);
        // Rows are dropped as they are decoded: fewer rows handed on, but every block is still read.
        assertThat(handedOn[1]).as("rows handed on with pushdown").isEqualTo(ROWS - 99_001);
    }

    @Test
    @DisplayName("part 6: Parquet is Spark's default data source")
    void parquetIsTheDefaultSource() {
        assertThat(new SQLConf().defaultDataSourceName()).isEqualTo("parquet");
    }

    @Test
    @DisplayName("3.2: Tungsten's off-heap memory is off by default; its whole-stage code generation is on")
    void tungsten() {
        assertThat(new SparkConf(false).getBoolean("spark.memory.offHeap.enabled", false))
                .isFalse();
        assertThat(org.apache
                        .spark
                        .internal
                        .config
                        .package$
                        .MODULE$
                        .MEMORY_OFFHEAP_ENABLED()
                        .defaultValueString())
                .isEqualTo("false");
        assertThat(Plans.execute(
                                SparkSql.session().range(0, 10).filter("id > 4").selectExpr("id * 2"))
                        .nodes(WholeStageCodegenExec.class))
                .isNotEmpty();
    }

    @Test
    @DisplayName(
            "part 7: a micro-batch takes no more files than maxFilesPerTrigger: a slow query falls behind, it is not overrun")
    void microBatchesAreBounded() throws Exception {
        Path input = Files.createDirectories(temp.resolve("incoming"));
        for (int file = 0; file < 3; file++) {
            Files.writeString(input.resolve("clicks-" + file + ".csv"), "u1,home\nu2,cart\nu3,home\nu4,home\n");
        }
        StructType schema = new StructType().add("userId", DataTypes.StringType).add("page", DataTypes.StringType);
        StreamingQuery query = SparkSql.session()
                .readStream()
                .schema(schema)
                .option("maxFilesPerTrigger", 1)
                .csv(input.toString())
                .writeStream()
                .format("memory")
                .queryName("bounded_batches")
                .option("checkpointLocation", temp.resolve("checkpoint").toString())
                .trigger(Trigger.AvailableNow())
                .start();
        try {
            query.awaitTermination();
            assertThat(Stream.of(query.recentProgress())
                            .map(StreamingQueryProgress::numInputRows)
                            .filter(rows -> rows > 0))
                    .containsExactly(4L, 4L, 4L);
        } finally {
            query.stop();
            SparkSql.session().sql("DROP VIEW IF EXISTS bounded_batches");
        }
    }

    @Test
    @DisplayName(
            "part 5: Spark SQL has no MATCH_RECOGNIZE (complex event patterns); Flink SQL has, see FlinkClaimsTest")
    void noMatchRecognize() {
        assertThatThrownBy(
                        () -> SparkSql.session()
                                .sql(
                                        "SELECT * FROM range(3) MATCH_RECOGNIZE (ORDER BY id PATTERN (A B) DEFINE A AS id = 0, B AS id = 1)"))
                .isInstanceOf(ParseException.class);
    }

    @Test
    @DisplayName("1.4: a record is not processed exactly once: an accumulator in a transformation counts a recomputed"
            + " partition again")
    void recomputedPartitionsProcessedAgain() {
        JavaSparkContext sc =
                JavaSparkContext.fromSparkContext(SparkSql.session().sparkContext());
        LongAccumulator seen = sc.sc().longAccumulator("seen");
        JavaRDD<Integer> counted = sc.parallelize(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 2)
                .map(record -> {
                    seen.add(1);
                    return record;
                });

        counted.count();
        assertThat(seen.value()).as("after one count").isEqualTo(10);
        counted.count();
        assertThat(seen.value()).as("after a second count of the uncached RDD").isEqualTo(20);
    }
}
