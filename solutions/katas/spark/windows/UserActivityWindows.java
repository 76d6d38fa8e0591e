package katas.spark.windows;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.sum;

import katas.support.Fixtures;
import katas.support.LocalSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Guide 3.3 ex.3, window functions, slow vs. fast: a rank over the whole table, then a running total per
 * user.
 *
 * <pre>
 * user_activity.csv
 * userId,timestamp,amount
 * u123,1609459200000,100.0
 * u123,1609545600000,50.0
 * ...
 * </pre>
 *
 * The rank over the whole table must see every row in one place: its plan has an
 * {@code Exchange SinglePartition}, and one task does all the work. The running total per user is
 * planned with a hash exchange on {@code userId}, so each user's rows are ordered and summed in
 * parallel.
 */
public final class UserActivityWindows {

    private UserActivityWindows() {}

    /** Reads user_activity.csv with its header; {@code timestamp} as long, {@code amount} as double. */
    public static Dataset<Row> readActivity(SparkSession spark, String path) {
        // @kata:solution
        return spark.read()
                .option("header", true)
                .csv(path)
                .withColumn("timestamp", col("timestamp").cast("long"))
                .withColumn("amount", col("amount").cast("double"));
        // @kata:end
    }

    /** Adds {@code global_rank}: the rank of each row's timestamp over the whole table (ties share a rank). */
    public static Dataset<Row> globalRank(Dataset<Row> activity) {
        // @kata:solution
        return activity.withColumn("global_rank", rank().over(Window.orderBy("timestamp")));
        // @kata:end
    }

    /** Adds {@code user_cumulative_sum}: each user's total amount up to and including this row, in time order. */
    public static Dataset<Row> cumulativeSumPerUser(Dataset<Row> activity) {
        // @kata:solution
        WindowSpec upToThisRow = Window.partitionBy("userId")
                .orderBy("timestamp")
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        return activity.withColumn("user_cumulative_sum", sum("amount").over(upToThisRow));
        // @kata:end
    }

    public static void main(String[] args) {
        SparkSession spark = LocalSpark.session();
        Dataset<Row> activity =
                readActivity(spark, Fixtures.path("user_activity.csv").toString());

        System.out.println("=== Slow Window Physical Plan ===");
        globalRank(activity).explain();

        System.out.println("=== Fast Window Result ===");
        cumulativeSumPerUser(activity)
                .select("userId", "timestamp", "amount", "user_cumulative_sum")
                .show(false);
    }
}
