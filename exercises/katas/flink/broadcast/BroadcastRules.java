package katas.flink.broadcast;

import java.util.Map;
import katas.domain.Alert;
import katas.domain.Transaction;
import katas.support.Fixtures;
import katas.support.NotImplementedYet;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * Guide 7, the cheat sheet's slow joins ("Flink: Broadcast in Table API"), and 4.3 ex.2's fraud rule. Two
 * parts: a small table joined in batch, then rules joined to a stream.
 *
 * <p><b>Part 1, a batch join in Flink SQL.</b> The tables {@code transactions} and {@code users} hold the rows
 * of guide 3.3 ex.2 (JSON lines here, {@link #createTables} registers them):
 *
 * <pre>
 * transactions: transactionId, userId, amount, timestamp    users: userId, name, city
 * t1, u123, 250.0, 1609459200000                           u123, Alice, NYC
 * t2, u456, 75.5,  1609459201000                           u456, Bob, LA
 * ... (billions more)                                      u789, Charlie, Chicago
 * </pre>
 *
 * Join each transaction to its user on {@code userId}, selecting {@code userId, name, city, amount} from
 * {@code transactions t} and {@code users u}: first leaving the strategy to the planner, then with the join
 * hint that sends the small users table whole to every task, so that the transactions are not moved at all.
 * The tables are bounded, so plan them as a batch job. The engine's plans (explain's optimized execution
 * plan, in short):
 *
 * <pre>
 * without the hint   AdaptiveJoin(originalJoin=[ShuffleHashJoin], ...)     both sides hash-partitioned on userId
 *                    :- Exchange(distribution=[hash[userId]])  transactions
 *                    +- Exchange(distribution=[hash[userId]])  users
 * with the hint      HashJoin(..., isBroadcast=[true], build=[right])      the hash table built from users
 *                    :- TableSourceScan(... transactions ...)              transactions stay where they are
 *                    +- Exchange(distribution=[broadcast])  users          users copied to every task
 * </pre>
 *
 * Both give the five transactions with their users' names and cities. On a stream (a table environment in
 * streaming mode) the same hinted query plans as the plain join, both sides hash-partitioned.
 *
 * <p><b>Part 2, rules on a stream.</b> Guide 4.3 ex.2 alerts when a transaction is more than five times the
 * user's previous one; here the fraud team changes that ratio while the job runs, by sending {@link Rule}s on
 * a second stream, a few a day against millions of transactions:
 *
 * <pre>
 * rules:        Rule[name=ratio-5, maxRatio=5.0]
 * transactions: u123 50.0, u123 300.0 (6x: alert), u456 20.0, u456 25.0
 * alerts:       Alert[userId=u123, reason=ratio-5]
 * </pre>
 *
 * The rules:
 *
 * <ul>
 *   <li>A transaction raises one alert per rule in force whose ratio it exceeds, strictly (exactly five times
 *       is not more than five), against the same user's previous transaction; the alert's reason is the rule's
 *       name. A user's first transaction raises none.
 *   <li>Every rule applies to every user, on every parallel instance of the job, from the moment it arrives:
 *       the transactions before it are not judged again. Each user's previous transaction is remembered
 *       whether or not a rule is in force.
 *   <li>A rule replaces the rule of the same name; rules of other names stay.
 *   <li>The rules in force are state of the job's operator, kept as rule name → rule, so that a checkpoint
 *       holds them and a restore brings them back, with each user's previous transaction.
 *   <li>Return the output of the operator that applies the rules, with nothing after it: the tests drive that
 *       operator themselves, the transactions as its first input and the rules as its second.
 * </ul>
 */
public final class BroadcastRules {

    private BroadcastRules() {}

    /** A fraud rule: alert when a transaction is more than {@code maxRatio} times the user's previous one. */
    public record Rule(String name, double maxRatio) {}

    /** Part 1: a table environment that plans and runs queries over bounded tables as batch jobs. */
    public static TableEnvironment batchTables() {
        throw new NotImplementedYet();
    }

    /** Registers the tables {@code transactions} and {@code users} over the guide's rows (JSON lines). */
    public static void createTables(TableEnvironment tables) {
        tables.executeSql("""
                CREATE TABLE transactions (
                    transactionId STRING, userId STRING, amount DOUBLE, `timestamp` BIGINT
                ) WITH ('connector' = 'filesystem', 'path' = '%s', 'format' = 'json')
                """.formatted(Fixtures.path("transactions.json")));
        tables.executeSql("""
                CREATE TABLE users (userId STRING, name STRING, city STRING)
                WITH ('connector' = 'filesystem', 'path' = '%s', 'format' = 'json')
                """.formatted(Fixtures.path("users.json")));
    }

    /** Each transaction with its user's name and city, the join strategy left to the planner. */
    public static Table plainJoin(TableEnvironment tables) {
        throw new NotImplementedYet();
    }

    /** The same join, with users sent whole to every task. */
    public static Table hintedJoin(TableEnvironment tables) {
        throw new NotImplementedYet();
    }

    /** Part 2: the alerts of the transactions under the rules in force when each arrives. */
    public static DataStream<Alert> alerts(DataStream<Transaction> transactions, DataStream<Rule> rules) {
        throw new NotImplementedYet();
    }

    // A helper class or two of your own, if the answer needs them.

    public static void main(String[] args) throws Exception {
        TableEnvironment batch = batchTables();
        createTables(batch);
        System.out.println("=== Batch join, strategy left to the planner ===");
        System.out.println(plainJoin(batch).explain());
        System.out.println("=== Batch join with the hint ===");
        System.out.println(hintedJoin(batch).explain());
        TableEnvironment streaming = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        createTables(streaming);
        System.out.println("=== Streaming join with the hint ===");
        System.out.println(hintedJoin(streaming).explain());
        System.out.println("=== Rows ===");
        hintedJoin(batch).execute().print();

        // Streaming, nothing orders two sources: the rule could come after the transactions. Batch, Flink reads
        // the broadcast side to its end first and the keyed side sorted by key and timestamp, every run alike.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        DataStream<Rule> rules = env.fromData(new Rule("ratio-5", 5.0));
        DataStream<Transaction> transactions = env.fromData(Fixtures.transactionStream())
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Transaction>forMonotonousTimestamps()
                        .withTimestampAssigner((transaction, previous) -> transaction.timestamp()));
        System.out.println("=== Alerts ===");
        // Collected by this client, where it runs on a cluster too; print() writes to the TaskManagers' output.
        try (CloseableIterator<Alert> rows = alerts(transactions, rules).executeAndCollect("Fraud rules")) {
            rows.forEachRemaining(System.out::println);
        }
    }
}
