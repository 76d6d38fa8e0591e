package katas.flink.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import katas.domain.Alert;
import katas.domain.Transaction;
import katas.support.Fixtures;
import katas.testing.FlinkHarnesses;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SharedMiniCluster;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("fraud-detection")
@ExtendWith(SharedMiniCluster.class)
class FraudDetectorTest {

    private static final long T0 = 1609459200000L;
    private static final Alert U123_ALERT = new Alert("u123", FraudDetector.REASON);

    private static KeyedOneInputStreamOperatorTestHarness<String, Transaction, Alert> harness() throws Exception {
        return FlinkHarnesses.keyedProcess(new FraudDetector(), Transaction::userId, Types.STRING);
    }

    private static void process(
            KeyedOneInputStreamOperatorTestHarness<String, Transaction, Alert> harness, Transaction transaction)
            throws Exception {
        harness.processElement(new StreamRecord<>(transaction, transaction.timestamp()));
    }

    /** The value of the last-transaction state for {@code user}, read through the harness's operator. */
    private static Transaction lastTransactionOf(
            KeyedOneInputStreamOperatorTestHarness<String, Transaction, Alert> harness, String user) throws Exception {
        harness.getOperator().setCurrentKey(user);
        return harness.getOperator()
                .getKeyedStateStore()
                .getState(FraudDetector.LAST_TRANSACTION)
                .value();
    }

    @Test
    @Order(2)
    @DisplayName("the guide's four transactions raise exactly one alert, for u123")
    void guideStream() throws Exception {
        try (var harness = harness()) {
            for (Transaction transaction : Fixtures.transactionStream()) {
                process(harness, transaction);
            }
            assertThat(harness.extractOutputValues()).containsExactly(U123_ALERT);
        }
    }

    @Test
    @Order(3)
    @DisplayName("the rule is strict: exactly 5x, or a full minute later, is not suspicious")
    void ruleBoundaries() throws Exception {
        try (var harness = harness()) {
            process(harness, new Transaction("a", 50.0, T0));
            process(harness, new Transaction("a", 250.0, T0 + 1_000)); // exactly 5x
            process(harness, new Transaction("b", 10.0, T0));
            process(harness, new Transaction("b", 100.0, T0 + 60_000)); // 10x, but 60 s later
            process(harness, new Transaction("c", 10.0, T0));
            process(harness, new Transaction("c", 51.0, T0 + 59_999)); // 5.1x within the minute

            assertThat(harness.extractOutputValues())
                    .as("ratio must be > 5 and the time difference < 60 000 ms")
                    .containsExactly(new Alert("c", FraudDetector.REASON));
        }
    }

    @Test
    @Lesson
    @Order(1)
    @DisplayName("each user's last transaction is remembered for that user alone")
    void lastTransactionPerKey() throws Exception {
        List<Transaction> stream = Fixtures.transactionStream();
        try (var harness = harness()) {
            process(harness, stream.get(0));
            assertThat(lastTransactionOf(harness, "u123")).isEqualTo(stream.get(0));
            assertThat(lastTransactionOf(harness, "u456"))
                    .as("u456 has sent nothing yet")
                    .isNull();

            process(harness, stream.get(1));
            assertThat(lastTransactionOf(harness, "u123")).isEqualTo(stream.get(1));

            process(harness, stream.get(2));
            process(harness, stream.get(3));
            assertThat(lastTransactionOf(harness, "u123"))
                    .as("u456's transactions leave u123's state alone")
                    .isEqualTo(stream.get(1));
            assertThat(lastTransactionOf(harness, "u456")).isEqualTo(stream.get(3));
        }
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName("a user's state is gone one minute after their last transaction, in event time")
    void stateClearedAfterOneMinute() throws Exception {
        try (var harness = harness()) {
            process(harness, new Transaction("u123", 50.0, T0));
            assertThat(harness.numEventTimeTimers())
                    .as("a clean-up timer per user with state")
                    .isEqualTo(1);

            harness.processWatermark(new Watermark(T0 + 59_999));
            assertThat(lastTransactionOf(harness, "u123"))
                    .as("state one millisecond before the minute is up")
                    .isNotNull();

            harness.processWatermark(new Watermark(T0 + 60_000));
            assertThat(lastTransactionOf(harness, "u123"))
                    .as("state once the minute is up")
                    .isNull();
            assertThat(harness.numKeyedStateEntries()).as("state entries left").isZero();
            assertThat(harness.numEventTimeTimers()).as("timers left").isZero();
        }
    }

    @Test
    @Lesson
    @Order(5)
    @DisplayName("a new transaction postpones the clean-up to a minute after it")
    void newTransactionPostponesCleanUp() throws Exception {
        try (var harness = harness()) {
            process(harness, new Transaction("u123", 50.0, T0));
            process(harness, new Transaction("u123", 60.0, T0 + 1_000));

            harness.processWatermark(new Watermark(T0 + 60_000));
            assertThat(lastTransactionOf(harness, "u123"))
                    .as(
                            "state a minute after the first, not the last, transaction: the first clean-up must not clear it"
                                    + " (delete the pending timer when a new transaction arrives, or check the time when it fires)")
                    .isEqualTo(new Transaction("u123", 60.0, T0 + 1_000));

            harness.processWatermark(new Watermark(T0 + 61_000));
            assertThat(lastTransactionOf(harness, "u123"))
                    .as("state a minute after the last transaction")
                    .isNull();
            assertThat(harness.numKeyedStateEntries()).as("state entries left").isZero();
            assertThat(harness.numEventTimeTimers()).as("timers left").isZero();
        }
    }

    @Test
    @Order(6)
    @DisplayName("main prints the guide's one alert")
    void mainPrintsTheAlert() throws Exception {
        String printed = Output.capture(() -> FraudDetector.main(new String[0]));

        assertThat(printed.lines().filter(line -> line.contains("Alert[")))
                .singleElement()
                .asString()
                .endsWith("Alert[userId=u123, reason=Suspicious: large amount within short time]");
    }
}
