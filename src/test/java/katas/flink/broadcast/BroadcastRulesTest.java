package katas.flink.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import katas.domain.Alert;
import katas.domain.Transaction;
import katas.flink.broadcast.BroadcastRules.Rule;
import katas.testing.FlinkHarnesses;
import katas.testing.KeyedTwoInputHarness;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SharedMiniCluster;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("flink-broadcast")
@ExtendWith(SharedMiniCluster.class)
class BroadcastRulesTest {

    private static final long T0 = 1609459200000L;
    private static final Rule RATIO_5 = new Rule("ratio-5", 5.0);
    private static final Pattern BROADCAST_USERS = Pattern.compile(
            "Exchange\\(distribution=\\[broadcast]\\)\\n\\s*\\+- TableSourceScan\\(table=\\[\\[default_catalog,"
                    + " default_database, users]]");
    private static final String HASH_EXCHANGE = "Exchange(distribution=[hash[userId]])";

    // ---- part 1: the join hint in the plan

    private static TableEnvironment batchTablesWithData() {
        TableEnvironment tables = BroadcastRules.batchTables();
        BroadcastRules.createTables(tables);
        return tables;
    }

    private static TableEnvironment streamingTablesWithData() {
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        BroadcastRules.createTables(tables);
        return tables;
    }

    /** The plan Flink runs: explain's optimized execution plan, the part after its last heading. */
    private static String executionPlan(Table query) {
        String explained = query.explain();
        return explained
                .substring(explained.lastIndexOf("== Optimized Execution Plan =="))
                .strip();
    }

    private static long occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1L;
    }

    @Test
    @Order(1)
    @DisplayName("the table environment plans bounded tables as a batch job")
    void batchMode() {
        assertThat(BroadcastRules.batchTables().getConfig().get(ExecutionOptions.RUNTIME_MODE))
                .as("the runtime mode of the table environment: join hints that pick a strategy work in batch mode")
                .isEqualTo(RuntimeExecutionMode.BATCH);
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("without a hint the batch planner hash-partitions both sides on userId: an adaptive shuffle hash join")
    void plainJoinShufflesBothSides() {
        String plan = executionPlan(BroadcastRules.plainJoin(batchTablesWithData()));

        assertThat(plan)
                .as(
                        "the plain join's plan: no statistics for the JSON files, so the planner shuffles both sides and"
                                + " leaves the final choice to the job (an AdaptiveJoin); no hint belongs here. Plan:%n%s",
                        plan)
                .contains("AdaptiveJoin(originalJoin=[ShuffleHashJoin], joinType=[InnerJoin]")
                .doesNotContain("broadcast");
        assertThat(occurrences(plan, HASH_EXCHANGE))
                .as("hash exchanges on userId, one per side. Plan:%n%s", plan)
                .isEqualTo(2);
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName(
            "with the hint, users go whole to every task and the hash table is built from them; the rows stay the same")
    void hintedJoinBroadcastsUsers() throws Exception {
        Table joined = BroadcastRules.hintedJoin(batchTablesWithData());
        String plan = executionPlan(joined);

        assertThat(plan)
                .as(
                        "a broadcast hash join built from the right side, users (the hint names the alias of the small"
                                + " side; a batch table environment). Plan:%n%s",
                        plan)
                .contains("isBroadcast=[true], build=[right]")
                .doesNotContain(HASH_EXCHANGE);
        assertThat(BROADCAST_USERS.matcher(plan).find())
                .as("the broadcast exchange sits over the users scan, not over transactions. Plan:%n%s", plan)
                .isTrue();
        assertThat(occurrences(plan, "Exchange(distribution=[broadcast])"))
                .as("broadcast exchanges in the plan (the MultipleInput lists its members once more)")
                .isEqualTo(2);

        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> iterator = joined.execute().collect()) {
            iterator.forEachRemaining(row -> rows.add(row.toString()));
        }
        assertThat(rows)
                .as("every transaction with its user's name and city: userId, name, city, amount")
                .containsExactlyInAnyOrder(
                        "+I[u123, Alice, NYC, 250.0]",
                        "+I[u456, Bob, LA, 75.5]",
                        "+I[u123, Alice, NYC, 300.0]",
                        "+I[u789, Charlie, Chicago, 125.0]",
                        "+I[u456, Bob, LA, 200.0]");
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName(
            "on a stream the planner ignores the hint without a word: the plan is the plain join's, hash-partitioned")
    void hintIgnoredOnAStream() {
        TableEnvironment streaming = streamingTablesWithData();
        String hinted = executionPlan(BroadcastRules.hintedJoin(streaming));
        String plain = executionPlan(BroadcastRules.plainJoin(streaming));

        assertThat(BroadcastRules.hintedJoin(streaming).explain())
                .as("the hint is accepted: the query plans, no error (an error means the hint names no table of the"
                        + " query, such as a table's name where the query uses its alias)")
                .contains("== Abstract Syntax Tree ==");
        assertThat(hinted)
                .as("a streaming join keeps both sides in state, partitioned by the key. Plan:%n%s", hinted)
                .contains("Join(joinType=[InnerJoin]")
                .doesNotContain("broadcast");
        assertThat(occurrences(hinted, HASH_EXCHANGE)).isEqualTo(2);
        assertThat(hinted)
                .as("the hinted join's plan on a stream is the plain join's")
                .isEqualTo(plain);
    }

    // ---- part 2: rules as state of every parallel instance

    private static final class Job {
        final StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        final DataStream<Alert> alerts = BroadcastRules.alerts(
                env.fromData(new Transaction("u0", 1.0, T0)), env.fromData(new Rule("none", 1.0)));
    }

    private static KeyedTwoInputHarness<String, Transaction, Rule, Alert> harness() throws Exception {
        return FlinkHarnesses.keyedTwoInputOf(new Job().alerts);
    }

    /** The alerts one transaction raises, alone (the harness's output is cleared first). */
    private static List<Alert> alertsOf(
            KeyedTwoInputHarness<String, Transaction, Rule, Alert> harness, String user, double amount)
            throws Exception {
        harness.getOutput().clear();
        harness.processElement1(new Transaction(user, amount, T0), T0);
        return harness.extractOutputValues();
    }

    private static void send(KeyedTwoInputHarness<String, Transaction, Rule, Alert> harness, Rule rule)
            throws Exception {
        harness.processElement2(rule, T0);
    }

    /** The rules the operator holds in the state it shares across parallel instances, name → rule. */
    private static Map<Object, Object> rulesState(KeyedTwoInputHarness<String, Transaction, Rule, Alert> harness)
            throws Exception {
        List<MapStateDescriptor<?, ?>> descriptors = FlinkHarnesses.broadcastStateOf(new Job().alerts);
        assertThat(descriptors)
                .as("the operator's state every parallel instance holds in full: the rules must be there, not in keyed"
                        + " state (one key only) nor in a field (lost on failure)")
                .isNotEmpty();
        Map<Object, Object> rules = new HashMap<>();
        for (MapStateDescriptor<?, ?> descriptor : descriptors) {
            for (Map.Entry<?, ?> entry : harness.getOperator()
                    .getOperatorStateBackend()
                    .getBroadcastState(descriptor)
                    .entries()) {
                rules.put(entry.getKey(), entry.getValue());
            }
        }
        return rules;
    }

    @Test
    @Lesson
    @Order(5)
    @DisplayName("a rule that arrives before the transactions applies to every user, and is held as rule name → rule")
    void ruleBeforeItsTransactions() throws Exception {
        try (var harness = harness()) {
            send(harness, RATIO_5);
            assertThat(rulesState(harness)).as("the rules state after one rule").isEqualTo(Map.of("ratio-5", RATIO_5));

            assertThat(alertsOf(harness, "u123", 50.0))
                    .as("u123's first transaction")
                    .isEmpty();
            assertThat(alertsOf(harness, "u123", 300.0))
                    .as("u123: 300.0 after 50.0 is 6x, more than ratio-5 allows; the rule must reach u123's key")
                    .containsExactly(new Alert("u123", "ratio-5"));
            assertThat(alertsOf(harness, "u456", 20.0))
                    .as("u456's first transaction")
                    .isEmpty();
            assertThat(alertsOf(harness, "u456", 25.0))
                    .as("u456: 25.0 after 20.0")
                    .isEmpty();
            assertThat(alertsOf(harness, "u789", 10.0))
                    .as("u789's first transaction")
                    .isEmpty();
            assertThat(alertsOf(harness, "u789", 60.0))
                    .as("u789: 6x; the same rule applies to every user")
                    .containsExactly(new Alert("u789", "ratio-5"));
        }
    }

    @Test
    @Lesson
    @Order(6)
    @DisplayName("each user's transaction is compared with that user's previous one, kept per user")
    void previousTransactionPerUser() throws Exception {
        try (var harness = harness()) {
            send(harness, RATIO_5);
            assertThat(alertsOf(harness, "a", 10.0)).isEmpty();
            assertThat(alertsOf(harness, "b", 100.0))
                    .as("b's first transaction: nothing to compare with, whatever a sent")
                    .isEmpty();
            assertThat(alertsOf(harness, "a", 60.0))
                    .as("a: 60.0 after a's own 10.0 is 6x (b's 100.0 is not a's previous transaction)")
                    .containsExactly(new Alert("a", "ratio-5"));
            assertThat(alertsOf(harness, "b", 120.0))
                    .as("b: 120.0 after b's own 100.0")
                    .isEmpty();
            assertThat(harness.numKeyedStateEntries())
                    .as("keyed state entries: one previous transaction per user")
                    .isEqualTo(2);
        }
    }

    @Test
    @Lesson
    @Order(7)
    @DisplayName("a rule that arrives after some transactions applies from then on, to the past never")
    void ruleAfterSomeTransactions() throws Exception {
        try (var harness = harness()) {
            assertThat(alertsOf(harness, "u123", 50.0)).isEmpty();
            assertThat(alertsOf(harness, "u123", 300.0))
                    .as("6x, but no rule is in force yet: no rule may be known before it arrives")
                    .isEmpty();
            assertThat(rulesState(harness))
                    .as("the rules state before any rule")
                    .isEmpty();

            send(harness, RATIO_5);
            assertThat(harness.extractOutputValues())
                    .as("a rule's arrival judges no earlier transaction")
                    .isEmpty();
            assertThat(alertsOf(harness, "u123", 1600.0))
                    .as("u123: 1600.0 after 300.0, compared with the previous transaction even though it came before"
                            + " the rule")
                    .containsExactly(new Alert("u123", "ratio-5"));
            assertThat(alertsOf(harness, "u999", 1.0)).isEmpty();
            assertThat(alertsOf(harness, "u999", 10.0))
                    .as("a user first seen after the rule gets it too")
                    .containsExactly(new Alert("u999", "ratio-5"));
        }
    }

    @Test
    @Order(8)
    @DisplayName(
            "a rule replaces the one of its name, others add to it; more than the ratio alerts, exactly it does not")
    void rulesReplacedAndAdded() throws Exception {
        try (var harness = harness()) {
            send(harness, RATIO_5);
            assertThat(alertsOf(harness, "u1", 10.0)).isEmpty();
            assertThat(alertsOf(harness, "u1", 50.0))
                    .as("exactly 5x is not more than 5x")
                    .isEmpty();

            Rule ratio10 = new Rule("ratio-5", 10.0);
            send(harness, ratio10);
            assertThat(rulesState(harness))
                    .as("a rule of the same name replaces the old one")
                    .isEqualTo(Map.of("ratio-5", ratio10));
            assertThat(alertsOf(harness, "u1", 300.0))
                    .as("6x under the replaced rule (10x)")
                    .isEmpty();

            Rule ratio2 = new Rule("ratio-2", 2.0);
            send(harness, ratio2);
            assertThat(rulesState(harness)).isEqualTo(Map.of("ratio-5", ratio10, "ratio-2", ratio2));
            assertThat(alertsOf(harness, "u1", 900.0))
                    .as("3x: over ratio-2 only")
                    .containsExactly(new Alert("u1", "ratio-2"));
            assertThat(alertsOf(harness, "u1", 9900.0))
                    .as("11x: one alert per rule exceeded")
                    .containsExactlyInAnyOrder(new Alert("u1", "ratio-2"), new Alert("u1", "ratio-5"));
        }
    }

    @Test
    @Lesson
    @Order(9)
    @DisplayName("after a failure the rules come back from the snapshot, with each user's previous transaction")
    void rulesSurviveARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness()) {
            send(harness, RATIO_5);
            assertThat(alertsOf(harness, "u123", 50.0)).isEmpty();
            snapshot = harness.snapshot(1L, T0);
        }
        try (KeyedTwoInputHarness<String, Transaction, Rule, Alert> restored =
                FlinkHarnesses.keyedTwoInputRestored(new Job().alerts, snapshot)) {
            assertThat(rulesState(restored))
                    .as("the rules state restored from the checkpoint (a field of the function would be empty)")
                    .isEqualTo(Map.of("ratio-5", RATIO_5));
            assertThat(alertsOf(restored, "u123", 300.0))
                    .as("u123 after the restore: 6x its previous transaction, under the restored rule")
                    .containsExactly(new Alert("u123", "ratio-5"));
        }
    }

    @Test
    @Order(10)
    @DisplayName("main prints the three plans, the joined rows and, the rule read first in batch mode, the alert")
    void mainPrintsThePlans() throws Exception {
        String printed = Output.capture(() -> BroadcastRules.main(new String[0]));

        assertThat(printed)
                .contains("AdaptiveJoin(originalJoin=[ShuffleHashJoin]", "isBroadcast=[true], build=[right]")
                .contains("Charlie", "Chicago")
                .endsWith("=== Alerts ===%nAlert[userId=u123, reason=ratio-5]%n".formatted());
    }
}
