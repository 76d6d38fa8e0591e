package katas.spark.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import katas.spark.architecture.SparkArchitecture.Event;
import katas.spark.architecture.SparkArchitecture.PriceFormat;
import katas.support.ClusterSpark;
import katas.support.Fixtures;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SparkEvents;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.reflect.ClassTag$;

@Tag("spark-architecture")
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one cluster for the class: its executor JVM takes seconds to start
class SparkArchitectureTest {

    private static final Map<String, Double> TOTALS = Map.of("u123", 550.0, "u456", 275.5, "u789", 125.0);
    /** Where the worker runs its executor: ClusterSpark binds everything to the loopback address. */
    private static final String EXECUTOR_HOST = "127.0.0.1";

    private static final List<String> COUNTRIES = List.of("DE", "FR", "PL", "FR", "DE");

    private ClusterSpark cluster;
    private JavaSparkContext sc;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = ClusterSpark.start(SparkArchitecture.class, SparkArchitectureTest.class);
        sc = JavaSparkContext.fromSparkContext(cluster.session().sparkContext());
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
            assertThat(ProcessHandle.current().descendants().filter(ClusterSpark::isExecutor))
                    .as("executor JVMs left running")
                    .isEmpty();
        }
    }

    /** The guide's events in two partitions, read on the executor. */
    private JavaRDD<Event> events() {
        return SparkArchitecture.readEvents(sc, Fixtures.path("events.json").toString(), 2);
    }

    @Test
    @Lesson
    @Order(1)
    @DisplayName("the purchases counted on the executor come back to the driver: 5")
    void countOnExecutors() throws Exception {
        try (SparkEvents recorded = SparkEvents.recordIn(cluster.session())) {
            long purchases = SparkArchitecture.countPurchases(sc, events());

            assertThat(purchases)
                    .as("purchases counted: a variable of the driver, or a static field, captured by the lambda is"
                            + " a copy in the executor's JVM; count with an accumulator (longAccumulator) in an action")
                    .isEqualTo(5);
            assertThat(recorded.tasks())
                    .as("executors that ran the tasks: not the driver")
                    .extracting(SparkEvents.Task::executorId)
                    .isNotEmpty()
                    .doesNotContain("driver");
        }
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("a task that fails after counting and runs again is counted once")
    void retriedTaskCountedOnce() throws Exception {
        JavaRDD<Event> failingOnce = events().mapPartitionsWithIndex(
                        (partition, rows) -> partition == 0 && TaskContext.get().attemptNumber() == 0
                                ? new FailingAtTheEnd<>(rows)
                                : rows,
                        true);
        try (SparkEvents recorded = SparkEvents.recordIn(cluster.session())) {
            long purchases = SparkArchitecture.countPurchases(sc, failingOnce);

            assertThat(recorded.tasks())
                    .as("the first attempt of partition 0 failed after passing on all its events, and ran again")
                    .anyMatch(task -> task.partition() == 0 && task.attempt() == 0 && !task.succeeded())
                    .anyMatch(task -> task.partition() == 0 && task.attempt() == 1 && task.succeeded());
            assertThat(purchases)
                    .as("purchases counted: Spark keeps an accumulator's updates of a successful attempt only;"
                            + " count in an action (foreach)")
                    .isEqualTo(5);
        }
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("a large lookup map travels to the executor once, as a broadcast variable")
    void lookupMapBroadcastOnce() throws Exception {
        Map<String, String> countryOfUser = new HashMap<>(Map.of("u123", "DE", "u456", "FR", "u789", "PL"));
        for (int user = 0; user < 20_000; user++) {
            countryOfUser.put("user-" + user, "country-" + (user * 7919 % 20_000));
        }
        JavaRDD<String> countries = SparkArchitecture.purchaseCountries(sc, events(), countryOfUser);
        try (SparkEvents recorded = SparkEvents.recordIn(cluster.session())) {
            assertThat(countries.collect()).as("the country of each purchase").isEqualTo(COUNTRIES);
            Map<String, Long> firstJob = broadcastPiecesFetchedByExecutors(recorded);

            assertThat(countries.collect())
                    .as("the same countries, a second time")
                    .isEqualTo(COUNTRIES);
            Map<String, Long> secondJob = new HashMap<>(broadcastPiecesFetchedByExecutors(recorded));
            secondJob.keySet().removeAll(firstJob.keySet());

            long firstJobBytes = sum(firstJob);
            long secondJobBytes = sum(secondJob);
            assertThat(firstJobBytes)
                    .as("bytes the executor fetched for the first job: the map, compressed (pieces %s)", firstJob)
                    .isGreaterThan(50_000);
            assertThat(secondJobBytes)
                    .as(
                            "bytes the executor fetched for the second job over the same RDD: a map captured by the"
                                    + " lambda is in every stage's task binary; a broadcast variable (sc.broadcast) is"
                                    + " fetched once and kept by the executor (first job %d bytes, second job's pieces %s)",
                            firstJobBytes, secondJob)
                    .isLessThan(firstJobBytes / 10);
        }
    }

    /**
     * The broadcast pieces the executors fetched from the driver, by block id, each with the bytes of its
     * first report: a piece is fetched once; it is reported again when it moves between memory and disk, when
     * it is removed, and when the executor's block manager registers again (BlockManager.reregister).
     */
    private static Map<String, Long> broadcastPiecesFetchedByExecutors(SparkEvents recorded) throws Exception {
        Map<String, Long> pieces = new HashMap<>();
        for (SparkEvents.Block block : recorded.blocks()) {
            if (block.isBroadcastPiece() && !"driver".equals(block.executorId()) && block.bytes() > 0) {
                pieces.putIfAbsent(block.blockId(), block.bytes());
            }
        }
        return pieces;
    }

    private static long sum(Map<String, Long> bytesByBlock) {
        return bytesByBlock.values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName("the totals per user run as one job of two stages split at the shuffle, combined before it")
    void oneShuffleTwoStages() throws Exception {
        List<Event> hundredTimes = new ArrayList<>();
        List<Event> guide = events().collect();
        for (int copy = 0; copy < 100; copy++) {
            hundredTimes.addAll(guide);
        }
        JavaRDD<Event> many = sc.parallelize(hundredTimes, 4);
        try (SparkEvents recorded = SparkEvents.recordIn(cluster.session())) {
            Map<String, Double> totals =
                    SparkArchitecture.totalsPerUser(many, 3).collectAsMap();

            assertThat(totals)
                    .as("totals of 100 copies of the guide's purchases")
                    .isEqualTo(Map.of("u123", 55_000.0, "u456", 27_550.0, "u789", 12_500.0));
            assertThat(recorded.jobs()).as("jobs run by collectAsMap").hasSize(1);
            assertThat(recorded.jobs().get(0).stageIds())
                    .as("stages of the job: one before the shuffle, one after (reduceByKey shuffles once)")
                    .hasSize(2);
            List<SparkEvents.Stage> stages = recorded.stages();
            assertThat(stages)
                    .as("tasks per stage: one per partition of the 4 parallelized slices, then 3 after the shuffle"
                            + " (reduceByKey's numPartitions)")
                    .extracting(SparkEvents.Stage::tasks)
                    .containsExactly(4, 3);
            assertThat(stages.get(1).parentIds())
                    .as("the stage after the shuffle waits for the one before it")
                    .containsExactly(stages.get(0).id());
            assertThat(stages.get(0).shuffleRecordsWritten())
                    .as("records written to the shuffle by 4 tasks over 3 users: reduceByKey adds up within each"
                            + " partition first (groupByKey ships all 500 purchases)")
                    .isLessThanOrEqualTo(12);
        }
    }

    @Test
    @Lesson
    @Order(5)
    @DisplayName("a helper that is not serializable is made on the executor, not captured from the driver")
    void notSerializableHelperMadeOnExecutors() throws Exception {
        List<String> prices;
        try {
            prices = SparkArchitecture.formattedPrices(events()).collect();
        } catch (Exception e) { // Spark's exceptions are checked, and its Scala methods declare none
            if (!(e instanceof SparkException)) {
                throw e;
            }
            throw new AssertionError(
                    "formatting on the executors failed with '" + e.getMessage() + "': a PriceFormat made on the"
                            + " driver and captured by the lambda cannot be serialized; make it on the executor,"
                            + " inside mapPartitions",
                    e);
        }
        assertThat(prices).containsExactly("EUR 250.00", "EUR 75.50", "EUR 125.00", "EUR 200.00", "EUR 300.00");

        PriceFormat onTheDriver = new PriceFormat();
        JavaRDD<Event> events = events();
        try (SparkEvents recorded = SparkEvents.recordIn(cluster.session())) {
            assertThatThrownBy(() -> events.map(event -> onTheDriver.format(event.value())))
                    .as("capturing the driver's PriceFormat: Spark checks the closure when map is called")
                    .isInstanceOf(SparkException.class)
                    .hasMessage("Task not serializable")
                    .hasRootCauseInstanceOf(NotSerializableException.class)
                    .rootCause()
                    .hasMessageStartingWith(PriceFormat.class.getName());
            assertThat(recorded.jobs())
                    .as("jobs started: the failure comes before any")
                    .isEmpty();
        }
    }

    @Test
    @Lesson
    @Order(6)
    @DisplayName(
            "cached purchases are read in the executor's own JVM by the next action: NODE_LOCAL, then PROCESS_LOCAL")
    void cachedPartitionsProcessLocal() throws Exception {
        JavaRDD<Event> purchases = SparkArchitecture.cachedPurchases(eventsStoredOn(EXECUTOR_HOST));
        try (SparkEvents recorded = SparkEvents.recordIn(cluster.session())) {
            assertThat(purchases.count()).as("purchases").isEqualTo(5);
            assertThat(purchases.count()).as("purchases, counted again").isEqualTo(5);

            List<SparkEvents.Job> jobs = recorded.jobs();
            assertThat(localities(recorded, jobs.get(0)))
                    .as("locality of the first count's tasks: the events are on the executor's host")
                    .containsOnly("NODE_LOCAL");
            assertThat(localities(recorded, jobs.get(1)))
                    .as("locality of the second count's tasks: cache the purchases (cache or persist) and they are"
                            + " read where they are kept, in the executor's own JVM")
                    .containsOnly("PROCESS_LOCAL");
            RDDInfo[] cached = sc.sc().getRDDStorageInfo();
            assertThat(cached)
                    .as("RDDs kept in memory: the purchases returned, every partition, each stored once")
                    .anySatisfy(info -> {
                        assertThat(info.id()).isEqualTo(purchases.id());
                        assertThat(info.numCachedPartitions()).isEqualTo(purchases.getNumPartitions());
                        assertThat(info.memSize()).isPositive();
                        assertThat(info.storageLevel().replication()).isEqualTo(1);
                    });
            assertThat(recorded.blocks())
                    .as("where the cached partitions are: in the executor's block manager, not the driver's")
                    .filteredOn(block -> block.blockId().startsWith("rdd_" + purchases.id() + "_"))
                    .extracting(SparkEvents.Block::executorId)
                    .isNotEmpty()
                    .containsOnly("0");
        } finally {
            purchases.unpersist(true);
        }
    }

    /**
     * The guide's events, one partition each, that Spark believes stored on {@code host}, as HDFS blocks
     * would be: a file on the local file system gives no preferred location (HadoopRDD drops "localhost").
     */
    private JavaRDD<Event> eventsStoredOn(String host) {
        List<Tuple2<Event, Seq<String>>> located = new ArrayList<>();
        for (Event event : events().collect()) {
            located.add(new Tuple2<>(
                    event, JavaConverters.asScalaBuffer(List.of(host)).toSeq()));
        }
        return sc.sc()
                .makeRDD(JavaConverters.asScalaBuffer(located).toSeq(), ClassTag$.MODULE$.apply(Event.class))
                .toJavaRDD();
    }

    private static List<String> localities(SparkEvents recorded, SparkEvents.Job job) throws Exception {
        return recorded.tasks().stream()
                .filter(task -> job.stageIds().contains(task.stageId()))
                .map(SparkEvents.Task::locality)
                .toList();
    }

    @Test
    @Order(7)
    @DisplayName("main prints each lesson, run on a cluster of its own")
    void mainPrintsTheLessons() throws Exception {
        cluster.close(); // main starts its own
        cluster = null;

        String printed = Output.capture(() -> SparkArchitecture.main(new String[0]));

        assertThat(printed)
                .contains(
                        "captured counter on the driver: 0",
                        "accumulator: 5",
                        "[DE, FR, PL, FR, DE]",
                        "+-(2) MapPartitionsRDD",
                        "first count 5, second count 5");
        assertThat(ProcessHandle.current().descendants().filter(ClusterSpark::isExecutor))
                .as("executor JVMs left running by main")
                .isEmpty();
    }

    /** Passes on every row, then fails: a task attempt that did all its work and still failed. */
    private static final class FailingAtTheEnd<T> implements Iterator<T> {
        private final Iterator<T> rows;

        FailingAtTheEnd(Iterator<T> rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            if (!rows.hasNext()) {
                throw new IllegalStateException("this attempt fails after its last row, on purpose");
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return rows.next();
        }
    }
}
