package katas.spark.tuning;

import java.util.Map;
import katas.support.LocalSpark;
import katas.support.NotImplementedYet;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Guide 3.4 and the hands-on session builder, tuning a Spark application: adaptive query execution
 * (AQE), which re-plans a query between its stages from the sizes it measured, and Kryo serialization.
 *
 * <pre>
 * spark.sql.adaptive.enabled=true                    re-plan at run time
 * spark.sql.adaptive.coalescePartitions.enabled=true merge small shuffle partitions
 * spark.sql.adaptive.skewJoin.enabled=true           split a hot partition of a sort-merge join
 * spark.sql.shuffle.partitions=200                   partitions of a shuffle before AQE merges them
 * spark.serializer=org.apache.spark.serializer.KryoSerializer
 * </pre>
 *
 * The SQL confs can be changed on a running session; the serializer only when the application starts,
 * so it goes in a {@link SparkConf}. In Spark 3.5 the three AQE flags are on by default; setting them
 * states the intent and undoes a cluster's defaults. The serializer applies to what Spark ships as JVM
 * objects (RDD records, broadcast values): DataFrame and Dataset shuffles write rows with Spark's own
 * {@code UnsafeRowSerializer}, whatever {@code spark.serializer} says.
 */
public final class SparkTuning {

    private SparkTuning() {}

    /**
     * What the application ships between tasks. A class with fields, not a record: Spark's Kryo (4.0)
     * cannot set a record's fields ("can't get field offset on a record class").
     */
    public static final class Purchase {
        private String userId;
        private double amount;

        public Purchase() {}

        public Purchase(String userId, double amount) {
            this.userId = userId;
            this.amount = amount;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Purchase that && userId.equals(that.userId) && amount == that.amount;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(userId, amount);
        }
    }

    /** Part 1: the SQL confs that turn on AQE, partition coalescing and skew-join handling, with this many shuffle partitions. */
    public static Map<String, String> adaptiveExecution(int shufflePartitions) {
        throw new NotImplementedYet();
    }

    /** Part 2: {@code conf} set to serialize with Kryo, registering {@code classes} and refusing any other. */
    public static SparkConf withKryo(SparkConf conf, Class<?>... classes) {
        throw new NotImplementedYet();
    }

    public static void main(String[] args) {
        SparkSession spark = LocalSpark.session().newSession(); // its own SQL conf, changed below
        adaptiveExecution(200).forEach((key, value) -> spark.conf().set(key, value));
        Dataset<Row> counts = spark.range(0, 10_000)
                .selectExpr("id % 10 AS key")
                .groupBy("key")
                .count();
        counts.collect();
        System.out.println("=== 200 shuffle partitions, coalesced by AQE after the shuffle ===");
        counts.explain();
        System.out.println("=== Kryo ===");
        for (var entry : withKryo(new SparkConf(false), Purchase.class).getAll()) {
            System.out.println(entry._1() + "=" + entry._2());
        }
    }
}
