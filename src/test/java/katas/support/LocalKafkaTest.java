package katas.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LocalKafkaTest {

    @Test
    @DisplayName("a closed broker is gone, process and data")
    void closeLeavesNothing() throws Exception {
        LocalKafka kafka = LocalKafka.start();
        ProcessHandle broker = ProcessHandle.of(kafka.pid()).orElseThrow();
        Path folder = kafka.folder();
        LocalKafka.createTopic(kafka.bootstrapServers(), "a-topic");

        kafka.close();

        assertThat(broker.isAlive()).as("broker process alive").isFalse();
        assertThat(folder).doesNotExist();
    }

    /** Starts a broker, prints its folder and process id, then waits to be killed. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            LocalKafka kafka = LocalKafka.start();
            System.out.println(kafka.folder() + " " + kafka.pid());
            System.out.flush();
            System.in.read();
        }
    }

    @Test
    @DisplayName("a broker whose JVM is killed stops by itself and deletes its data")
    void brokerOutlivesNoParent() throws Exception {
        Process parent = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Dkata.root=" + Catalogue.projectRoot(),
                        Parent.class.getName())
                .redirectErrorStream(true)
                .start();
        String[] started;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
            started = output.readLine().split(" ");
        }
        Path folder = Path.of(started[0]);
        ProcessHandle broker = ProcessHandle.of(Long.parseLong(started[1])).orElseThrow();

        parent.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        broker.onExit().get(1, TimeUnit.MINUTES);

        assertThat(folder).doesNotExist();
        assertThat(List.of(broker.isAlive(), parent.isAlive())).containsOnly(false);
    }
}
