package katas.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import katas.support.LocalKafka;

/**
 * The Kafka broker of the tests: the one {@value #BOOTSTRAP_SERVERS} names, or else the JVM's shared local
 * broker ({@link LocalKafka#shared()}), started by the first test that needs it and stopped, with its
 * data, when the JVM exits (also when it is killed: the broker then stops by itself).
 */
public final class SharedKafka {

    public static final String BOOTSTRAP_SERVERS = "KATA_KAFKA_BOOTSTRAP_SERVERS";

    private SharedKafka() {}

    public static String bootstrapServers() {
        String external = System.getenv(BOOTSTRAP_SERVERS);
        if (external != null && !external.isBlank()) {
            return external;
        }
        try {
            return LocalKafka.shared().bootstrapServers();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local Kafka broker", e);
        }
    }

    /** A new topic with one partition, named after {@code purpose}: no other test, run or user writes to it. */
    public static String newTopic(String purpose) throws Exception {
        String topic = purpose + "-" + UUID.randomUUID();
        LocalKafka.createTopic(bootstrapServers(), topic);
        return topic;
    }
}
