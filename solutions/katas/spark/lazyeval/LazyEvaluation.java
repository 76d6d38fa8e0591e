package katas.spark.lazyeval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import java.io.Serializable;
import katas.support.Fixtures;
import katas.support.LocalSpark;
import katas.support.ScratchFolder;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.ReduceFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Guide 3.2 (core abstractions) and 1.2: the purchase totals per user three ways, as an RDD job, a
 * DataFrame query and a typed Dataset, and what "lazy" and "Catalyst" mean for them.
 *
 * <pre>
 * events.json (guide 3.3 ex.1)
 * {"userId": "u123", "eventType": "purchase", "timestamp": 1609459200000, "value": 250.0}
 * {"userId": "u456", "eventType": "purchase", "timestamp": 1609459201000, "value": 75.5}
 * {"userId": "u123", "eventType": "click", "timestamp": 1609459205000, "value": 0.0}
 * ... three more purchases
 * </pre>
 *
 * Totals: u123 550.0, u456 275.5, u789 125.0. Each method returns a query and runs no Spark job: only
 * the caller, asking for a result, does. DataFrame and Dataset queries go through Catalyst, which
 * rewrites the plan: a filter on columns moves down into the Parquet scan, which then skips what it
 * excludes. The lambda of a UDF is opaque to it: the same filter as a UDF reads every row.
 */
public final class LazyEvaluation {

    /** The events' schema, given rather than inferred: inferring it would read the file at once. */
    public static final StructType EVENTS = new StructType()
            .add("userId", DataTypes.StringType)
            .add("eventType", DataTypes.StringType)
            .add("timestamp", DataTypes.LongType)
            .add("value", DataTypes.DoubleType);

    private LazyEvaluation() {}

    /** A typed event: a bean, since Spark's bean encoder reads getters and calls setters. */
    public static class Event implements Serializable {
        private String userId;
        private String eventType;
        private long timestamp;
        private double value;

        public String getUserId() {
            return userId;
        }

        public void setUserId(String userId) {
            this.userId = userId;
        }

        public String getEventType() {
            return eventType;
        }

        public void setEventType(String eventType) {
            this.eventType = eventType;
        }

        public long getTimestamp() {
            return timestamp;
        }

        public void setTimestamp(long timestamp) {
            this.timestamp = timestamp;
        }

        public double getValue() {
            return value;
        }

        public void setValue(double value) {
            this.value = value;
        }
    }

    /** Reads JSON-lines events with the {@link #EVENTS} schema: nothing is read until an action. */
    public static Dataset<Row> readEvents(SparkSession spark, String path) {
        return spark.read().schema(EVENTS).json(path);
    }

    /** Part 1: per user, the total value of their purchases, with the RDD API; the caller runs it. */
    public static JavaPairRDD<String, Double> totalsWithRdd(JavaRDD<Row> events) {
        // @kata:solution
        return events.filter(event -> "purchase".equals(event.getAs("eventType")))
                .mapToPair(event -> new Tuple2<>(event.<String>getAs("userId"), event.<Double>getAs("value")))
                .reduceByKey(Double::sum);
        // @kata:end
    }

    /** Part 2: the same totals as a DataFrame query, columns {@code userId} and {@code total}. */
    public static Dataset<Row> totalsWithDataFrame(Dataset<Row> events) {
        // @kata:solution
        return events.filter(col("eventType").equalTo("purchase"))
                .groupBy("userId")
                .agg(sum("value").as("total"));
        // @kata:end
    }

    /** Part 3: the same totals on typed events, as (userId, total) pairs. */
    public static Dataset<Tuple2<String, Double>> totalsWithDataset(Dataset<Event> events) {
        // @kata:solution
        return events.filter((FilterFunction<Event>) event -> "purchase".equals(event.getEventType()))
                .groupByKey((MapFunction<Event, String>) Event::getUserId, Encoders.STRING())
                .mapValues((MapFunction<Event, Double>) Event::getValue, Encoders.DOUBLE())
                .reduceGroups((ReduceFunction<Double>) Double::sum);
        // @kata:end
    }

    /** Part 4: userId and value of the purchases over {@code minimum}, filtered on columns Catalyst can see. */
    public static Dataset<Row> bigPurchases(Dataset<Row> events, double minimum) {
        // @kata:solution
        return events.select("userId", "eventType", "value")
                .filter(col("eventType").equalTo("purchase").and(col("value").gt(minimum)))
                .select("userId", "value");
        // @kata:end
    }

    /** Part 5: the same rows, the filter written as a UDF of eventType and value. */
    public static Dataset<Row> bigPurchasesWithUdf(Dataset<Row> events, double minimum) {
        // @kata:solution
        UserDefinedFunction isBigPurchase = udf(
                (UDF2<String, Double, Boolean>) (type, value) -> "purchase".equals(type) && value > minimum,
                DataTypes.BooleanType);
        return events.filter(isBigPurchase.apply(col("eventType"), col("value")))
                .select("userId", "value");
        // @kata:end
    }

    public static void main(String[] args) throws Exception {
        SparkSession spark = LocalSpark.session();
        Dataset<Row> events = readEvents(spark, Fixtures.path("events.json").toString());

        System.out.println("=== RDD ===");
        totalsWithRdd(events.javaRDD()).collectAsMap().forEach((user, total) -> System.out.println(user + " " + total));
        System.out.println("=== DataFrame ===");
        totalsWithDataFrame(events).orderBy("userId").show(false);
        System.out.println("=== Dataset ===");
        totalsWithDataset(events.as(Encoders.bean(Event.class))).collectAsList().forEach(System.out::println);

        try (ScratchFolder folder = ScratchFolder.create("lazy-evaluation-")) {
            events.write().parquet(folder.resolve("events").toString());
            Dataset<Row> stored = spark.read().parquet(folder.resolve("events").toString());
            System.out.println("=== Filter on columns: Catalyst moves it into the scan ===");
            bigPurchases(stored, 100.0).explain(true);
            System.out.println("=== The same filter as a UDF: the scan reads every row ===");
            bigPurchasesWithUdf(stored, 100.0).explain();
        }
    }
}
