package katas.spark.architecture;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import katas.support.ClusterSpark;
import katas.support.Fixtures;
import katas.support.NotImplementedYet;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * Guide 3.1 (Spark architecture), 1.2 and 1.4: what runs on the driver, what runs on the executors, and
 * what crosses between them. The tests run on a cluster whose executor is a JVM of its own ({@link
 * ClusterSpark}), so what a closure captures is serialized for real, as on YARN or Kubernetes.
 *
 * <pre>
 * events.json (guide 3.3 ex.1), one event a line
 * {"userId": "u123", "eventType": "purchase", "timestamp": 1609459200000, "value": 250.0}
 * {"userId": "u456", "eventType": "purchase", "timestamp": 1609459201000, "value": 75.5}
 * {"userId": "u123", "eventType": "click", "timestamp": 1609459205000, "value": 0.0}
 * ... three more purchases
 * </pre>
 *
 * <ol>
 *   <li>Count the purchases on the executors and get the count back on the driver: 5. A variable of the
 *       driver captured by a closure is copied into each task; the tasks' increments never come back.
 *   <li>Look up each purchase's country in a map of users: the map travels once to each executor as a
 *       broadcast variable, rather than inside every stage's tasks.
 *   <li>Total the purchases per user (u123 550.0, u456 275.5, u789 125.0) in a given number of
 *       partitions: one job of two stages, split where the data is shuffled.
 *   <li>Format each purchase's value with {@link PriceFormat}, a helper that is not serializable.
 *   <li>Keep the purchases on the executors for the next actions.
 * </ol>
 */
public final class SparkArchitecture {

    private SparkArchitecture() {}

    /** One event of events.json. */
    public record Event(String userId, String eventType, long timestamp, double value) implements Serializable {

        private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\\s*\"?([^\",}]*)\"?");

        public boolean isPurchase() {
            return "purchase".equals(eventType);
        }

        /** Parses one line of events.json. */
        public static Event parse(String line) {
            Map<String, String> fields = new java.util.HashMap<>();
            Matcher matcher = FIELD.matcher(line);
            while (matcher.find()) {
                fields.put(matcher.group(1), matcher.group(2).strip());
            }
            return new Event(
                    fields.get("userId"),
                    fields.get("eventType"),
                    Long.parseLong(fields.get("timestamp")),
                    Double.parseDouble(fields.get("value")));
        }
    }

    /**
     * Formats amounts as the finance team wants them. It keeps a buffer that is reused between calls, so
     * it is not thread-safe and not serializable: it cannot travel inside a closure.
     */
    public static final class PriceFormat {
        private final StringBuilder buffer = new StringBuilder();

        public String format(double amount) {
            buffer.setLength(0);
            return buffer.append(String.format(Locale.ROOT, "EUR %.2f", amount)).toString();
        }
    }

    /** The events of a file of JSON lines, in {@code partitions} partitions. */
    public static JavaRDD<Event> readEvents(JavaSparkContext sc, String path, int partitions) {
        return sc.textFile(path, partitions).map(Event::parse);
    }

    /**
     * Part 1: the number of purchases, counted on the executors and read on the driver. Count in an
     * action, so that each task's count is added once, whatever is recomputed or retried.
     */
    public static long countPurchases(JavaSparkContext sc, JavaRDD<Event> events) {
        throw new NotImplementedYet();
    }

    /**
     * Part 2: the country of each purchase's user, in the order of the events, from {@code countryOfUser}
     * (a large map): sent once to each executor, and shared there by all its tasks.
     */
    public static JavaRDD<String> purchaseCountries(
            JavaSparkContext sc, JavaRDD<Event> events, Map<String, String> countryOfUser) {
        throw new NotImplementedYet();
    }

    /** Part 3: per user, the total value of their purchases, in {@code partitions} partitions. */
    public static JavaPairRDD<String, Double> totalsPerUser(JavaRDD<Event> events, int partitions) {
        throw new NotImplementedYet();
    }

    /** Part 4: each purchase's value formatted by a {@link PriceFormat}, in the order of the events. */
    public static JavaRDD<String> formattedPrices(JavaRDD<Event> events) {
        throw new NotImplementedYet();
    }

    /** Part 5: the purchases, kept in the executors' memory once an action has computed them. */
    public static JavaRDD<Event> cachedPurchases(JavaRDD<Event> events) {
        throw new NotImplementedYet();
    }

    public static void main(String[] args) throws Exception {
        List<String> stages = new CopyOnWriteArrayList<>();
        try (ClusterSpark cluster = ClusterSpark.start(SparkArchitecture.class)) {
            JavaSparkContext sc =
                    JavaSparkContext.fromSparkContext(cluster.session().sparkContext());
            sc.sc().addSparkListener(new StagesAndLocality(stages));
            JavaRDD<Event> events = readEvents(sc, Fixtures.path("events.json").toString(), 2);

            long[] captured = {0};
            events.foreach(event -> captured[0] += event.isPurchase() ? 1 : 0);
            System.out.println("=== 1. Counting on the executors ===");
            System.out.println("captured counter on the driver: " + captured[0]);
            System.out.println("accumulator: " + countPurchases(sc, events));

            System.out.println("=== 2. A lookup map as a broadcast variable ===");
            System.out.println(purchaseCountries(sc, events, Map.of("u123", "DE", "u456", "FR", "u789", "PL"))
                    .collect());

            System.out.println("=== 3. One shuffle, two stages ===");
            JavaPairRDD<String, Double> totals = totalsPerUser(events, 3);
            System.out.println(totals.toDebugString());
            System.out.println(totals.collectAsMap());

            System.out.println("=== 4. A helper that is not serializable, made on the executors ===");
            System.out.println(formattedPrices(events).collect());

            System.out.println("=== 5. Cached on the executor ===");
            JavaRDD<Event> purchases = cachedPurchases(events);
            System.out.println("first count " + purchases.count() + ", second count " + purchases.count());
            for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
                System.out.println(info);
            }
        } // stopping the session delivers the listener's last events
        System.out.println("=== Every stage, as a SparkListener saw it ===");
        stages.forEach(System.out::println);
    }

    /** Each completed stage: its tasks, the records it shuffled, and where its tasks ran. */
    private static final class StagesAndLocality extends SparkListener {
        private final List<String> stages;
        private final Map<Integer, List<String>> localities = new ConcurrentHashMap<>();

        StagesAndLocality(List<String> stages) {
            this.stages = stages;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
            localities
                    .computeIfAbsent(taskEnd.stageId(), stage -> new CopyOnWriteArrayList<>())
                    .add(taskEnd.taskInfo().taskLocality() + " on executor "
                            + taskEnd.taskInfo().executorId());
        }

        @Override
        public void onStageCompleted(SparkListenerStageCompleted completed) {
            StageInfo stage = completed.stageInfo();
            stages.add(String.format(
                    Locale.ROOT,
                    "stage %d (%s): %d tasks, %d records written to the shuffle, %d read; %s",
                    stage.stageId(),
                    stage.name(),
                    stage.numTasks(),
                    stage.taskMetrics().shuffleWriteMetrics().recordsWritten(),
                    stage.taskMetrics().shuffleReadMetrics().recordsRead(),
                    localities.getOrDefault(stage.stageId(), List.of())));
        }
    }
}
