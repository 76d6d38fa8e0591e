package katas.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real Kafka broker (KRaft, one node) as a local process on free loopback ports, for as long as this
 * object is open. Its data lives in a temporary folder that is gone when it closes, and also when this JVM
 * dies: the broker watches its standard input (see {@code services/kafka/LocalKafkaBroker.java}).
 *
 * <p>The broker runs in its own JVM because it is Scala 2.13 and Spark, on this class path, Scala 2.12.
 * Its class path comes from {@code services/kafka/pom.xml}, resolved once by the project's Maven wrapper.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private static LocalKafka shared;

    private final Process broker;
    private final ScratchFolder folder;
    private final String bootstrapServers;
    private final long startMillis;
    /** Whether closing this object stops the broker: not for a view of the shared one. */
    private final boolean owned;

    private LocalKafka(Process broker, ScratchFolder folder, String bootstrapServers, long startMillis, boolean owned) {
        this.broker = broker;
        this.folder = folder;
        this.bootstrapServers = bootstrapServers;
        this.startMillis = startMillis;
        this.owned = owned;
    }

    /**
     * The broker this JVM shares: started by the first call and stopped when the JVM exits, so that a warm
     * JVM (the tests, {@code kata watch}) starts it once. Closing what this returns leaves it running.
     */
    public static synchronized LocalKafka shared() throws IOException {
        if (shared == null) {
            LocalKafka started = start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> stop(started.broker, started.folder), "kafka-broker-stop"));
            shared = started;
        }
        return shared.borrowed();
    }

    /** The shared broker when this JVM runs one, else a new one: closing stops only a broker started here. */
    public static synchronized LocalKafka sharedOrStart() throws IOException {
        return shared != null ? shared.borrowed() : start();
    }

    private LocalKafka borrowed() {
        return new LocalKafka(broker, folder, bootstrapServers, startMillis, false);
    }

    /** Starts a broker and returns once it takes requests. */
    public static LocalKafka start() throws IOException {
        long started = System.nanoTime();
        Path root = Catalogue.projectRoot();
        String classpath = brokerClasspath(root);
        ScratchFolder folder = ScratchFolder.create("bigdata-katas-kafka-");
        int port = Ports.anyFree();
        int controllerPort = Ports.anyFree();
        Process broker = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-Dlog4j2.configurationFile=" + root.resolve("services/kafka/log4j2.properties"),
                        "-Dkafka.broker.folder=" + folder.path(),
                        "-cp",
                        classpath,
                        root.resolve("services/kafka/LocalKafkaBroker.java").toString(),
                        folder.path().toString(),
                        String.valueOf(port),
                        String.valueOf(controllerPort))
                .redirectError(folder.resolve("broker.err").toFile())
                .start();
        try {
            awaitReady(broker, folder);
        } catch (IOException | RuntimeException e) {
            stop(broker, folder);
            throw e;
        }
        return new LocalKafka(
                broker, folder, "127.0.0.1:" + port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), true);
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates {@code topic} with one partition on the broker at {@code bootstrapServers}. */
    public static void createTopic(String bootstrapServers, String topic)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    /** Writes {@code lines} to {@code topic}, in order, and waits until the broker has them all. */
    public static void send(String bootstrapServers, String topic, List<String> lines) {
        Map<String, Object> settings =
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            lines.forEach(line -> producer.send(new ProducerRecord<>(topic, line)));
            producer.flush();
        }
    }

    /** How long the broker took to start, from the first step to taking requests. */
    public long startMillis() {
        return startMillis;
    }

    /** The broker's process id. */
    long pid() {
        return broker.pid();
    }

    /** The folder of the broker's data and logs. */
    Path folder() {
        return folder.path();
    }

    /** Stops the broker, if this object started it, and waits until it has deleted its data. */
    @Override
    public void close() {
        if (owned) {
            stop(broker, folder);
        }
    }

    private static void stop(Process broker, ScratchFolder folder) {
        try {
            broker.getOutputStream().close(); // end of input: the broker deletes its folder and halts
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            broker.destroyForcibly();
        } catch (InterruptedException e) {
            broker.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            folder.close();
        }
    }

    private static void awaitReady(Process broker, ScratchFolder folder) throws IOException {
        BufferedReader output =
                new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return output.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String line;
        try {
            line = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            line = null;
        } catch (ExecutionException | InterruptedException e) {
            line = null;
        }
        if (!"ready".equals(line)) {
            throw new IllegalStateException("the local Kafka broker did not start: " + lastLines(folder));
        }
    }

    private static String lastLines(ScratchFolder folder) {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("broker.err", "broker.log", "format.log")) {
            Path file = folder.resolve(name);
            try {
                if (Files.isRegularFile(file)) {
                    List<String> lines = Files.readAllLines(file);
                    text.append("\n")
                            .append(name)
                            .append(":\n")
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
                }
            } catch (IOException ignored) {
                // nothing more to show
            }
        }
        return text.isEmpty() ? "no output" : text.toString();
    }

    /** The broker's class path, from {@code services/kafka/pom.xml}. */
    private static String brokerClasspath(Path root) throws IOException {
        return ServiceClasspath.resolve(
                root, "services/kafka/pom.xml", "kafka-broker", "the Kafka broker's jars", Map.of());
    }
}
