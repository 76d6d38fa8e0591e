package katas.flink.fraud;

import java.time.Duration;
import katas.domain.Alert;
import katas.domain.Transaction;
import katas.support.Fixtures;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * Guide 4.3 ex.2, stateful processing: per user, alert when a transaction is more than five times the
 * previous one and less than a minute after it.
 *
 * <pre>
 * u123, 50.0,  1609459200000
 * u123, 300.0, 1609459201000   1 second later, 6x the amount  → alert
 * u456, 20.0,  1609459200000
 * u456, 25.0,  1609459205000   5 seconds later, small increase → no alert
 * </pre>
 *
 * The last transaction of each user lives in keyed {@link ValueState}. State must not grow forever:
 * an event-time timer clears a user's state one minute after their last transaction.
 */
public class FraudDetector extends KeyedProcessFunction<String, Transaction, Alert> {

    public static final String REASON = "Suspicious: large amount within short time";
    public static final double MAX_RATIO = 5.0;
    public static final long ONE_MINUTE = 60_000L;
    /** The state the tests inspect: the last transaction of the current user. */
    public static final ValueStateDescriptor<Transaction> LAST_TRANSACTION =
            new ValueStateDescriptor<>("last-transaction", Transaction.class);

    private transient ValueState<Transaction> lastTransaction;

    @Override
    public void open(OpenContext openContext) {
        // @kata:solution
        lastTransaction = getRuntimeContext().getState(LAST_TRANSACTION);
        // @kata:stub
        // Get the keyed state for LAST_TRANSACTION from the runtime context here.
        // @kata:end
    }

    @Override
    public void processElement(Transaction transaction, Context ctx, Collector<Alert> out) throws Exception {
        // @kata:solution
        Transaction last = lastTransaction.value();
        if (last != null) {
            boolean soon = transaction.timestamp() - last.timestamp() < ONE_MINUTE;
            if (soon && transaction.amount() / last.amount() > MAX_RATIO) {
                out.collect(new Alert(transaction.userId(), REASON));
            }
            // The previous clean-up would otherwise clear the state less than a minute after this one.
            ctx.timerService().deleteEventTimeTimer(last.timestamp() + ONE_MINUTE);
        }
        lastTransaction.update(transaction);
        ctx.timerService().registerEventTimeTimer(transaction.timestamp() + ONE_MINUTE);
        // @kata:end
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) {
        // @kata:solution
        lastTransaction.clear();
        // @kata:end
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Alert> alerts = env.fromData(Fixtures.transactionStream())
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<Transaction>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                                .withTimestampAssigner((transaction, recordTimestamp) -> transaction.timestamp()))
                .keyBy(Transaction::userId)
                .process(new FraudDetector());
        // Collected by this client, where it runs on a cluster too; print() writes to the TaskManagers' output.
        try (CloseableIterator<Alert> rows = alerts.executeAndCollect("Fraud Detection")) {
            rows.forEachRemaining(System.out::println);
        }
    }
}
