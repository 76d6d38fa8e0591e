package katas.spark.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.Plans;
import katas.testing.SparkSql;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.physical.HashPartitioning;
import org.apache.spark.sql.catalyst.plans.physical.Partitioning;
import org.apache.spark.sql.execution.adaptive.AQEShuffleReadExec;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.apache.spark.sql.execution.joins.SortMergeJoinExec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

@Tag("spark-tuning")
class SparkTuningTest {

    private static final int SHUFFLE_PARTITIONS = 200;

    /** The learner's confs, with the skew thresholds lowered so that a few thousand rows can be skewed. */
    private static Map<String, String> withSmallSkewThresholds(Map<String, String> confs) {
        Map<String, String> all = new HashMap<>(confs);
        all.putAll(SparkSql.autoBroadcastOff());
        all.put("spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes", "1000");
        all.put("spark.sql.adaptive.skewJoin.skewedPartitionFactor", "2");
        all.put("spark.sql.adaptive.advisoryPartitionSizeInBytes", "1000");
        return all;
    }

    /** A class nobody registered. */
    static final class Unregistered {
        int value = 1;
    }

    /** A second class to register, beside {@link SparkTuning.Purchase}. */
    static final class Refund {
        String userId = "u456";
        double amount = 75.5;

        @Override
        public boolean equals(Object other) {
            return other instanceof Refund that && userId.equals(that.userId) && amount == that.amount;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(userId, amount);
        }
    }

    private static <T> T roundTrip(SerializerInstance kryo, T value, Class<T> type) {
        return kryo.deserialize(kryo.serialize(value, ClassTag$.MODULE$.apply(type)), ClassTag$.MODULE$.apply(type));
    }

    @Test
    @Lesson
    @Order(1)
    @DisplayName("a small aggregation planned with 200 shuffle partitions reads them merged into a few")
    void smallShuffleCoalesced() throws Exception {
        Map<String, String> confs = SparkTuning.adaptiveExecution(SHUFFLE_PARTITIONS);
        assertThat(confs).containsEntry("spark.sql.shuffle.partitions", "200");
        SparkSql.withSqlConf(confs, () -> {
            Plans.Executed counts = Plans.execute(SparkSql.session()
                    .range(0, 10_000)
                    .selectExpr("id % 10 AS key")
                    .groupBy("key")
                    .count());

            assertThat(counts.rows()).hasSize(10);
            List<AQEShuffleReadExec> reads = counts.nodes(AQEShuffleReadExec.class);
            assertThat(reads)
                    .as("AQE's shuffle reads in %s: adaptive execution and partition coalescing on", counts.nodeNames())
                    .singleElement()
                    .satisfies(read -> {
                        assertThat(read.isCoalescedRead()).as("coalesced").isTrue();
                        assertThat(read.partitionSpecs().size())
                                .as("partitions read after the shuffle")
                                .isLessThan(SHUFFLE_PARTITIONS / 10);
                    });
        });
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName(
            "a join with one hot key, shuffled into the partitions asked for: AQE splits the hot partition of the sort-merge join")
    void hotPartitionSplit() throws Exception {
        SparkSql.withSqlConf(withSmallSkewThresholds(SparkTuning.adaptiveExecution(8)), () -> {
            Dataset<Row> facts = SparkSql.session()
                    .range(0, 20_000)
                    .selectExpr("IF(id % 10 = 0, id % 100, 0) AS key", "id AS value");
            Dataset<Row> dimension = SparkSql.session().range(0, 100).selectExpr("id AS key", "id * 2 AS weight");

            Plans.Executed joined =
                    Plans.execute(facts.join(dimension, "key").groupBy().count());

            assertThat(joined.rows()).containsExactly("[20000]");
            assertThat(joined.nodes(ShuffleExchangeExec.class).stream()
                            .map(ShuffleExchangeExec::outputPartitioning)
                            .filter(HashPartitioning.class::isInstance)
                            .map(Partitioning::numPartitions))
                    .as("partitions of the join's shuffles by key: the number asked for (8 here, not a fixed 200)")
                    .containsExactly(8, 8);
            assertThat(joined.nodes(SortMergeJoinExec.class))
                    .as("joins of %s", joined.nodeNames())
                    .singleElement()
                    .satisfies(join -> assertThat(join.isSkewJoin())
                            .as("a skew join (skewJoin.enabled)")
                            .isTrue());
        });
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("Kryo serializes every class registered and refuses any other")
    void kryoWithRegistration() {
        SparkConf conf = SparkTuning.withKryo(new SparkConf(false), SparkTuning.Purchase.class, Refund.class);
        assertThat(conf.get("spark.serializer")).isEqualTo(KryoSerializer.class.getName());
        // Registered classes are looked up by name: in the exercise's loader, which kata's re-runs replace.
        SerializerInstance kryo = new KryoSerializer(conf)
                .setDefaultClassLoader(SparkTuning.class.getClassLoader())
                .newInstance();

        SparkTuning.Purchase purchase = new SparkTuning.Purchase("u123", 50.0);
        assertThat(roundTrip(kryo, purchase, SparkTuning.Purchase.class))
                .as("the first registered class, there and back")
                .isEqualTo(purchase);
        assertThat(roundTrip(kryo, new Refund(), Refund.class))
                .as("the second registered class, there and back: every class given is registered, not only the last")
                .isEqualTo(new Refund());
        assertThatThrownBy(() -> roundTrip(kryo, new Unregistered(), Unregistered.class))
                .as("an unregistered class: registration required (spark.kryo.registrationRequired)")
                .hasMessageContaining("Class is not registered");
    }

    @Test
    @Order(4)
    @DisplayName("main prints the coalesced plan and the Kryo settings")
    void mainPrintsPlanAndSettings() throws Exception {
        String printed = Output.capture(() -> SparkTuning.main(new String[0]));

        assertThat(printed)
                .contains(
                        "AQEShuffleRead coalesced",
                        "spark.serializer=org.apache.spark.serializer.KryoSerializer",
                        "spark.kryo.classesToRegister=katas.spark.tuning.SparkTuning$Purchase");
    }
}
