package katas.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.legacy.SinkFunction;
import org.apache.flink.streaming.api.functions.timestamps.BoundedOutOfOrdernessTimestampExtractor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the guide's Flink 1 API became in Flink 2.3 (ERRATA.md): deprecated is not removed. Read from the
 * class path the exercises compile against.
 */
@Tag("claim")
class FlinkApiClaimsTest {

    private static boolean present(String className) {
        try {
            Class.forName(className, false, FlinkApiClaimsTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    @DisplayName("fromCollection is still there (deprecated: javac warns), next to fromData")
    void fromCollectionStays() throws Exception {
        // Deprecated by its Javadoc tag only (the class file's Deprecated attribute, which javac reads):
        // reflection sees no @Deprecated annotation on it.
        assertThat(StreamExecutionEnvironment.class.getMethod("fromCollection", Collection.class))
                .isNotNull();
        assertThat(StreamExecutionEnvironment.class.getMethod("fromData", Collection.class))
                .isNotNull();
    }

    @Test
    @DisplayName("addSink still takes the legacy SinkFunction; the Kafka connector's consumer and producer are gone")
    void addSinkStaysSinkFunctionsGo() throws Exception {
        assertThat(DataStream.class.getMethod("addSink", SinkFunction.class)).isNotNull();
        assertThat(SinkFunction.class.isAnnotationPresent(Deprecated.class)).isTrue();
        assertThat(present("org.apache.flink.streaming.api.functions.sink.SinkFunction"))
                .as("the pre-2.0 package")
                .isFalse();
        assertThat(present("org.apache.flink.streaming.connectors.kafka.FlinkKafkaConsumer"))
                .isFalse();
        assertThat(present("org.apache.flink.streaming.connectors.kafka.FlinkKafkaProducer"))
                .isFalse();
        assertThat(present("org.apache.flink.connector.kafka.sink.KafkaSink")).isTrue();
        assertThat(present("org.apache.flink.connector.jdbc.JdbcSink"))
                .as("JDBC connector 4.0's old sink")
                .isFalse();
        assertThat(present("org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink"))
                .isTrue();
    }

    @Test
    @DisplayName("the old CheckpointingMode is deprecated but still ships next to org.apache.flink.core.execution's")
    void oldCheckpointingModeDeprecated() throws Exception {
        assertThat(org.apache.flink.streaming.api.CheckpointingMode.class.isAnnotationPresent(Deprecated.class))
                .isTrue();
        assertThat(StreamExecutionEnvironment.class
                        .getMethod(
                                "enableCheckpointing",
                                long.class,
                                org.apache.flink.streaming.api.CheckpointingMode.class)
                        .isAnnotationPresent(Deprecated.class))
                .isTrue();
        assertThat(StreamExecutionEnvironment.class.getMethod(
                        "enableCheckpointing", long.class, org.apache.flink.core.execution.CheckpointingMode.class))
                .isNotNull();
    }

    @Test
    @DisplayName("BoundedOutOfOrdernessTimestampExtractor still ships, takes a Duration and is a WatermarkStrategy")
    void boundedOutOfOrdernessExtractorShips() throws Exception {
        assertThat(WatermarkStrategy.class.isAssignableFrom(BoundedOutOfOrdernessTimestampExtractor.class))
                .isTrue();
        assertThat(BoundedOutOfOrdernessTimestampExtractor.class.getConstructor(Duration.class))
                .isNotNull();
        assertThat(present("org.apache.flink.streaming.api.windowing.time.Time"))
                .as("Time is gone: Duration")
                .isFalse();
    }
}
