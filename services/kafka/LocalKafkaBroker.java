import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * A one-node Kafka (KRaft, broker and controller in one process) for the tests, run as a single-file
 * program: {@code java -cp <broker class path> LocalKafkaBroker.java <folder> <port> <controller port>}.
 *
 * <p>It formats its storage in {@code folder}, starts, and prints {@code ready} once the broker takes
 * requests. It lives as long as its standard input: when the test JVM closes it, or dies and the system
 * closes it, the broker deletes {@code folder} and halts, so no broker and no data outlive their tests.
 */
public final class LocalKafkaBroker {

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        String port = args[1];
        String controllerPort = args[2];
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", folder.resolve("data").toString());
        properties.put("num.partitions", "1");
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        Path file = folder.resolve("server.properties");
        try (var out = Files.newOutputStream(file)) {
            properties.store(out, "written by LocalKafkaBroker");
        }

        int formatted = StorageTool.execute(
                new String[] {"format", "--standalone", "-t", "a-local-kata-cluster", "-c", file.toString()},
                new java.io.PrintStream(Files.newOutputStream(folder.resolve("format.log"))));
        if (formatted != 0) {
            throw new IllegalStateException("formatting the storage failed, see " + folder.resolve("format.log"));
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
        System.out.println("ready");
        System.out.flush();

        InputStream parent = System.in;
        while (parent.read() != -1) {
            // the test JVM never writes; end of input means it is done or gone
        }
        try {
            deleteFolder(folder);
        } finally {
            Runtime.getRuntime().halt(0); // the data is gone: no orderly shutdown to wait for
        }
    }

    /** Deletes what it can: the running broker may add or remove files meanwhile. */
    private static void deleteFolder(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // what is left, the test JVM deletes after this process has ended
        }
    }
}
