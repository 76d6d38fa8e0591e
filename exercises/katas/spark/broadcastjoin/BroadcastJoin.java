package katas.spark.broadcastjoin;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import katas.support.Fixtures;
import katas.support.LocalSpark;
import katas.support.NotImplementedYet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Guide 3.3 ex.2, join optimisation: join a large transactions table to a small users table, first as
 * a plain join, then with a broadcast hint so that no side of the join is shuffled.
 *
 * <pre>
 * transactions.csv                          users.csv
 * transactionId,userId,amount,timestamp     userId,name,city
 * t1,u123,250.0,1609459200000               u123,Alice,NYC
 * t2,u456,75.5,1609459201000                u456,Bob,LA
 * ... (billions more)                       u789,Charlie,Chicago
 * </pre>
 *
 * With automatic broadcasting off, the plain join plans as a {@code SortMergeJoin} (both sides shuffled
 * and sorted) and the hinted join as a {@code BroadcastHashJoin} that builds its hash table from the
 * users side ({@code BuildRight}).
 */
public final class BroadcastJoin {

    private BroadcastJoin() {}

    /** Reads transactions.csv with its header; {@code amount} as double, other columns as read. */
    public static Dataset<Row> readTransactions(SparkSession spark, String path) {
        throw new NotImplementedYet();
    }

    /** Reads users.csv with its header. */
    public static Dataset<Row> readUsers(SparkSession spark, String path) {
        throw new NotImplementedYet();
    }

    /** Joins each transaction to its user on {@code userId}, leaving the strategy to Spark. */
    public static Dataset<Row> plainJoin(Dataset<Row> transactions, Dataset<Row> users) {
        throw new NotImplementedYet();
    }

    /** The same join, with the small users side broadcast to every task. */
    public static Dataset<Row> broadcastJoin(Dataset<Row> transactions, Dataset<Row> users) {
        throw new NotImplementedYet();
    }

    public static void main(String[] args) {
        SparkSession spark = LocalSpark.session().newSession(); // its own SQL conf, changed below
        Dataset<Row> transactions =
                readTransactions(spark, Fixtures.path("transactions.csv").toString());
        Dataset<Row> users = readUsers(spark, Fixtures.path("users.csv").toString());

        // users.csv is tiny: left alone, Spark would broadcast it even without a hint. AQE's own
        // threshold falls back to this one, so one setting turns both off.
        spark.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
        System.out.println("=== Slow Join Physical Plan (auto-broadcast off) ===");
        plainJoin(transactions, users).explain();

        Dataset<Row> goodJoin = broadcastJoin(transactions, users);
        System.out.println("=== Optimised Join Physical Plan ===");
        goodJoin.explain();

        System.out.println("=== Result (first 5 rows) ===");
        goodJoin.select("userId", "name", "city", "amount").show(5, false);
    }
}
