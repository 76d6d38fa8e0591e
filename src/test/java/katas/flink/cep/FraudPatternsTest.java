package katas.flink.cep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import katas.domain.Alert;
import katas.domain.Transaction;
import katas.support.Fixtures;
import katas.testing.FlinkHarnesses;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SharedMiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("cep-patterns")
@ExtendWith(SharedMiniCluster.class)
class FraudPatternsTest {

    private static final long T0 = 1609459200000L;
    private static final List<Transaction> GUIDE = Fixtures.transactionStream();

    /**
     * Transactions in the order they arrive; each user's in the order of their timestamps, so that
     * fraud-detection's function, which compares each transaction with the one that arrived before it,
     * sees them as event time orders them.
     */
    private static final List<Transaction> ARRIVALS = List.of(
            GUIDE.get(0),
            new Transaction("five-times", 50.0, T0),
            new Transaction("one-minute", 10.0, T0),
            new Transaction("rising", 10.0, T0),
            new Transaction("smaller-between", 10.0, T0),
            GUIDE.get(1),
            new Transaction("five-times", 250.0, T0 + 1_000), // exactly 5x: no alert
            new Transaction("rising", 100.0, T0 + 1_000), // 10x: alert
            new Transaction("smaller-between", 20.0, T0 + 1_000), // 2x
            new Transaction("just-in-time", 10.0, T0 + 1_000),
            GUIDE.get(2),
            new Transaction("rising", 1000.0, T0 + 2_000), // 10x the 100, 100x the 10: one alert, for the pair
            new Transaction("smaller-between", 60.0, T0 + 2_000), // 3x the 20, 6x the 10 before it: no alert
            GUIDE.get(3),
            new Transaction("just-in-time", 51.0, T0 + 60_999), // 5.1x, 59 999 ms later: alert
            new Transaction("one-minute", 100.0, T0 + 60_000)); // 10x, exactly 60 s later: no alert

    /** A stream to build the pipeline on: the tests take its matching operator and feed it themselves. */
    private static DataStream<Transaction> anyTransactions() {
        return StreamExecutionEnvironment.getExecutionEnvironment().fromData(GUIDE);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Transaction, Alert> harness() throws Exception {
        return FlinkHarnesses.keyedOperatorOf(FraudPatterns.alerts(anyTransactions()));
    }

    private static void process(
            KeyedOneInputStreamOperatorTestHarness<String, Transaction, Alert> harness, List<Transaction> transactions)
            throws Exception {
        for (Transaction transaction : transactions) {
            harness.processElement(new StreamRecord<>(transaction, transaction.timestamp()));
        }
    }

    private static Alert alertFor(String user) {
        return new Alert(user, FraudPatterns.REASON);
    }

    /** What went to the side output so far. */
    private static List<Transaction> notFollowedInTime(
            KeyedOneInputStreamOperatorTestHarness<String, Transaction, Alert> harness) {
        Queue<StreamRecord<Transaction>> records = harness.getSideOutput(FraudPatterns.NOT_FOLLOWED_IN_TIME);
        return records == null
                ? List.of()
                : records.stream().map(StreamRecord::getValue).toList();
    }

    /**
     * fraud-detection's rule as its reference function applies it (katas.flink.fraud.FraudDetector: each
     * transaction against the last one of its user, alert when less than 60 000 ms later and more than 5x).
     * That class cannot be called from here: on your track it is your own fraud-detection stub.
     */
    private static List<Alert> fraudDetectionAlerts(List<Transaction> arrivals) {
        Map<String, Transaction> last = new HashMap<>();
        List<Alert> alerts = new ArrayList<>();
        for (Transaction transaction : arrivals) {
            Transaction previous = last.put(transaction.userId(), transaction);
            if (previous != null
                    && transaction.timestamp() - previous.timestamp() < 60_000
                    && transaction.amount() / previous.amount() > 5.0) {
                alerts.add(alertFor(transaction.userId()));
            }
        }
        return alerts;
    }

    @Test
    @Lesson
    @Order(1)
    @DisplayName("the guide's four transactions raise one alert, for u123, once the watermark has reached them")
    void guideStreamInEventTime() throws Exception {
        try (var harness = harness()) {
            process(harness, GUIDE);
            assertThat(harness.extractOutputValues())
                    .as("alerts before any watermark: in event time, transactions wait for the watermark"
                            + " (is the matching in processing time?)")
                    .isEmpty();

            harness.processWatermark(new Watermark(T0 + 5_000));
            assertThat(harness.extractOutputValues())
                    .as("alerts once the watermark has reached every transaction")
                    .containsExactly(alertFor("u123"));
        }
    }

    @Test
    @Order(2)
    @DisplayName("the alerts equal fraud-detection's on the same transactions")
    void sameAlertsAsFraudDetection() throws Exception {
        try (var harness = harness()) {
            process(harness, ARRIVALS);
            harness.processWatermark(new Watermark(T0 + 60_999));

            assertThat(harness.extractOutputValues())
                    .as("alerts for u123, rising (twice) and just-in-time: a transaction and the user's one right"
                            + " after it, more than 5x, less than 60 000 ms apart")
                    .containsExactlyInAnyOrderElementsOf(fraudDetectionAlerts(ARRIVALS))
                    .containsExactlyInAnyOrder(
                            alertFor("u123"), alertFor("rising"), alertFor("rising"), alertFor("just-in-time"));
        }
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("the rule is strict: exactly 5x, or exactly a minute later, is no alert; 59 999 ms later is one")
    void ruleBoundaries() throws Exception {
        try (var harness = harness()) {
            process(
                    harness,
                    List.of(
                            new Transaction("a", 50.0, T0),
                            new Transaction("a", 250.0, T0 + 1_000), // exactly 5x
                            new Transaction("b", 10.0, T0),
                            new Transaction("b", 100.0, T0 + 60_000), // 10x, exactly 60 s later
                            new Transaction("c", 10.0, T0),
                            new Transaction("c", 51.0, T0 + 59_999))); // 5.1x, 59 999 ms later
            harness.processWatermark(new Watermark(T0 + 60_000));

            assertThat(harness.extractOutputValues())
                    .as("alerts: the ratio must be > 5 and the second transaction less than 60 000 ms after the"
                            + " first (is there a time limit on the whole match?)")
                    .containsExactly(alertFor("c"));
        }
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName("only the user's transaction right after counts: a smaller one in between breaks the pair")
    void onlyTheNextTransaction() throws Exception {
        try (var harness = harness()) {
            process(
                    harness,
                    List.of(
                            new Transaction("u1", 10.0, T0),
                            new Transaction("u2", 10.0, T0 + 500), // another user's: no effect on u1
                            new Transaction("u1", 20.0, T0 + 1_000),
                            new Transaction("u2", 60.0, T0 + 1_500),
                            new Transaction("u1", 60.0, T0 + 2_000))); // 6x the 10, but 3x the 20 just before it
            harness.processWatermark(new Watermark(T0 + 2_000));

            assertThat(harness.extractOutputValues())
                    .as("alerts: u1's 60 is compared with its 20 only, as fraud-detection compares with the last"
                            + " transaction; u2's 60 comes right after its 10 (how strict is the contiguity"
                            + " between the two steps?)")
                    .containsExactly(alertFor("u2"));
        }
    }

    @Test
    @Lesson
    @Order(5)
    @DisplayName("transactions are matched in the order of their timestamps, not in the order they arrive")
    void eventTimeOrder() throws Exception {
        try (var harness = harness()) {
            process(
                    harness,
                    List.of(
                            new Transaction("u1", 300.0, T0 + 1_000), // arrives first, happened second
                            new Transaction("u1", 50.0, T0)));
            harness.processWatermark(new Watermark(T0 + 1_000));

            assertThat(harness.extractOutputValues())
                    .as("alerts: 50 at 00:00:00 then 300 at 00:00:01 in event time, though 300 arrived first"
                            + " (fraud-detection's function, comparing in arrival order, raises none here)")
                    .containsExactly(alertFor("u1"));
        }
    }

    @Test
    @Lesson
    @Order(6)
    @DisplayName("a transaction not followed within the minute goes to the side output when the watermark says so")
    void timedOutToTheSideOutput() throws Exception {
        Transaction followedByLarge = new Transaction("u1", 50.0, T0);
        Transaction last = new Transaction("u1", 300.0, T0 + 1_000);
        Transaction followedBySmall = new Transaction("u2", 20.0, T0);
        Transaction alone = new Transaction("u2", 25.0, T0 + 5_000);
        try (var harness = harness()) {
            process(harness, List.of(followedByLarge, followedBySmall, last, alone));

            harness.processWatermark(new Watermark(T0 + 60_999));
            assertThat(notFollowedInTime(harness))
                    .as("side output at 1 ms before u1's last transaction's minute is up: a transaction followed"
                            + " in time, large or not, is never sent there")
                    .isEmpty();

            harness.processWatermark(new Watermark(T0 + 61_000));
            assertThat(notFollowedInTime(harness))
                    .as("side output once the watermark is a minute after u1's last transaction: its partial match"
                            + " timed out (does the match function handle timed-out partial matches?)")
                    .containsExactly(last);

            harness.processWatermark(new Watermark(T0 + 65_000));
            assertThat(notFollowedInTime(harness))
                    .as("side output a minute after u2's last transaction")
                    .containsExactly(last, alone);
            assertThat(harness.extractOutputValues()).containsExactly(alertFor("u1"));
        }
    }

    @Test
    @Order(7)
    @DisplayName("main prints the guide's one alert")
    void mainPrintsTheAlert() throws Exception {
        String printed = Output.capture(() -> FraudPatterns.main(new String[0]));

        assertThat(printed.lines().filter(line -> line.contains("Alert[")))
                .singleElement()
                .asString()
                .endsWith("Alert[userId=u123, reason=Suspicious: large amount within short time]");
    }
}
