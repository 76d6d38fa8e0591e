package katas.flink.cep;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import katas.domain.Alert;
import katas.domain.Transaction;
import katas.support.Fixtures;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Guide 5 ("complex event patterns? Flink") and 4.3 ex.2: fraud-detection's rule again, declared this
 * time as a sequence of events of one user instead of coded by hand with keyed state and a timer.
 *
 * <p>The rule, the same as fraud-detection's: per user, alert when a transaction is more than five times
 * the amount of that user's previous transaction and less than a minute after it, in event time.
 *
 * <pre>
 * u123, 50.0,  1609459200000
 * u123, 300.0, 1609459201000   1 second later, 6x the amount  → alert
 * u456, 20.0,  1609459200000
 * u456, 25.0,  1609459205000   5 seconds later, small increase → no alert
 * </pre>
 *
 * Output: one alert, for u123, with {@link #REASON} (printed {@code Alert[userId=u123, reason=...]}).
 *
 * <p>The rules the tests check:
 *
 * <ul>
 *   <li>"Previous" means the user's transaction immediately before, by event time: a transaction in
 *       between (of the same user) breaks the pair; other users' transactions do not.
 *   <li>Strictly more than {@link #MAX_RATIO} times, and strictly less than 60 000 ms later: exactly 5x,
 *       or exactly one minute later, is no alert; 59 999 ms later is one.
 *   <li>Every pair is checked: 10, 100, 1000 a second apart raise two alerts.
 *   <li>Event time: transactions are taken in the order of their timestamps, whatever order they arrive
 *       in, and an alert comes out once the watermark has reached the later transaction's time.
 *   <li>A transaction that no transaction of the same user follows in less than a minute goes to
 *       {@link #NOT_FOLLOWED_IN_TIME}, once the watermark reaches its time + 60 000 ms (a transaction
 *       followed in time by one that is not large enough is not sent there).
 * </ul>
 *
 * The tests drive the operator that {@link #alerts} returns, with watermarks of their own.
 */
public final class FraudPatterns {

    public static final String REASON = "Suspicious: large amount within short time";
    public static final double MAX_RATIO = 5.0;
    public static final Duration ONE_MINUTE = Duration.ofMinutes(1);
    /** The name of the first transaction of a pair in the rule. */
    public static final String SMALL = "small";
    /** The name of the second transaction of a pair in the rule. */
    public static final String LARGE = "large";
    /** The transactions that no transaction of the same user followed in less than a minute. */
    public static final OutputTag<Transaction> NOT_FOLLOWED_IN_TIME =
            new OutputTag<>("not-followed-in-time", TypeInformation.of(Transaction.class));

    private FraudPatterns() {}

    /** The rule over one user's transactions: {@link #SMALL}, then {@link #LARGE}. */
    public static Pattern<Transaction, ?> smallThenLarge() {
        // @kata:solution
        return Pattern.<Transaction>begin(SMALL)
                .next(LARGE)
                .where(new MoreThanFiveTimesTheSmallOne())
                .within(ONE_MINUTE);
        // @kata:end
    }

    /**
     * The alerts of each user, from {@link #smallThenLarge()} over {@code transactions} in event time; the
     * transactions no other followed in time go to {@link #NOT_FOLLOWED_IN_TIME}. Return the operator that
     * matches, with nothing after it.
     */
    public static SingleOutputStreamOperator<Alert> alerts(DataStream<Transaction> transactions) {
        // @kata:solution
        return CEP.pattern(transactions.keyBy(Transaction::userId), smallThenLarge())
                .process(new AlertOnMatch());
        // @kata:end
    }

    // @kata:solution
    /** LARGE's condition: it sees the event that matched SMALL. */
    static final class MoreThanFiveTimesTheSmallOne extends IterativeCondition<Transaction> {
        @Override
        public boolean filter(Transaction large, Context<Transaction> ctx) throws Exception {
            Transaction small = ctx.getEventsForPattern(SMALL).iterator().next();
            return large.amount() / small.amount() > MAX_RATIO;
        }
    }

    /** An alert per match; a partial match that timed out sends its SMALL transaction to the side output. */
    static final class AlertOnMatch extends PatternProcessFunction<Transaction, Alert>
            implements TimedOutPartialMatchHandler<Transaction> {
        @Override
        public void processMatch(Map<String, List<Transaction>> match, Context ctx, Collector<Alert> out) {
            out.collect(new Alert(match.get(LARGE).get(0).userId(), REASON));
        }

        @Override
        public void processTimedOutMatch(Map<String, List<Transaction>> match, Context ctx) {
            ctx.output(NOT_FOLLOWED_IN_TIME, match.get(SMALL).get(0));
        }
    }
    // @kata:stub
    // Your condition and your match function go here: a condition for LARGE that can see the SMALL
    // transaction of its match, and a function that turns a match into an Alert and sends the SMALL
    // transaction of a partial match that timed out to NOT_FOLLOWED_IN_TIME.
    // @kata:end

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Transaction> transactions = env.fromData(Fixtures.transactionStream())
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<Transaction>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                                .withTimestampAssigner((transaction, recordTimestamp) -> transaction.timestamp()));
        // Collected by this client, where it runs on a cluster too; print() writes to the TaskManagers' output.
        try (CloseableIterator<Alert> rows = alerts(transactions).executeAndCollect("Fraud Detection with a pattern")) {
            rows.forEachRemaining(System.out::println);
        }
    }
}
