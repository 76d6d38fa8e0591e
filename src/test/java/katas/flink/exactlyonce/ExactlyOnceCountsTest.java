package katas.flink.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import katas.domain.Click;
import katas.flink.exactlyonce.ExactlyOnceCounts.CountPerPage;
import katas.flink.exactlyonce.ExactlyOnceCounts.PageCount;
import katas.testing.FlinkHarnesses;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SharedMiniCluster;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("exactly-once")
@ExtendWith(SharedMiniCluster.class)
class ExactlyOnceCountsTest {

    private static final List<String> PAGES = List.of("home", "products", "cart");
    /** Twelve clicks, page by page in turn: four of each page. */
    private static final List<Click> CLICKS = IntStream.range(0, 12)
            .mapToObj(i -> new Click("u" + i % 5, PAGES.get(i % 3), i))
            .toList();

    private static KeyedOneInputStreamOperatorTestHarness<String, Click, PageCount> counter(
            OperatorSubtaskState restoredFrom) throws Exception {
        return FlinkHarnesses.keyedProcessRestored(new CountPerPage(), Click::page, Types.STRING, restoredFrom);
    }

    private static void process(
            KeyedOneInputStreamOperatorTestHarness<String, Click, PageCount> harness, List<Click> clicks)
            throws Exception {
        for (Click click : clicks) {
            harness.processElement(new StreamRecord<>(click, click.timestamp()));
        }
    }

    /** What one run without failure emits for {@code clicks}. */
    private static List<PageCount> uninterrupted(List<Click> clicks) throws Exception {
        try (var harness = counter(null)) {
            process(harness, clicks);
            return harness.extractOutputValues();
        }
    }

    @Test
    @Order(1)
    @DisplayName("each click emits its page's running count")
    void runningCounts() throws Exception {
        assertThat(uninterrupted(CLICKS.subList(0, 7)))
                .containsExactly(
                        new PageCount("home", 1),
                        new PageCount("products", 1),
                        new PageCount("cart", 1),
                        new PageCount("home", 2),
                        new PageCount("products", 2),
                        new PageCount("cart", 2),
                        new PageCount("home", 3));
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("restored from a snapshot and replayed from its position, the counts continue as if nothing failed")
    void restoreFromSnapshot() throws Exception {
        List<PageCount> recovered = new ArrayList<>();
        OperatorSubtaskState checkpoint;
        try (var beforeFailure = counter(null)) {
            process(beforeFailure, CLICKS.subList(0, 5));
            checkpoint = beforeFailure.snapshot(1L, 5L); // the source's position: 5 clicks read
            recovered.addAll(beforeFailure.extractOutputValues());
            process(beforeFailure, CLICKS.subList(5, 8)); // counted, then the task fails
        }
        try (var afterFailure = counter(checkpoint)) {
            process(afterFailure, CLICKS.subList(5, CLICKS.size())); // the source replays from click 5
            recovered.addAll(afterFailure.extractOutputValues());
        }

        assertThat(recovered)
                .as("output up to the checkpoint, then the restored operator's: the counts must live in Flink"
                        + " state (not in a field or a static map) to be restored, and replayed clicks counted once")
                .containsExactlyElementsOf(uninterrupted(CLICKS));
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("restored at parallelism 3 from a snapshot taken at 1, each page's count continues where it went")
    void restoreAtAnotherParallelism() throws Exception {
        int maxParallelism = 128;
        OperatorSubtaskState checkpoint;
        try (var single = FlinkHarnesses.keyedProcessSubtask(
                new CountPerPage(), Click::page, Types.STRING, maxParallelism, 1, 0, null)) {
            process(single, CLICKS.subList(0, 6)); // two clicks of each page
            checkpoint = single.snapshot(1L, 6L);
        }
        List<PageCount> afterRescale = new ArrayList<>();
        Set<Integer> subtasksWithPages = new HashSet<>();
        int parallelism = 3;
        for (int subtask = 0; subtask < parallelism; subtask++) {
            int index = subtask;
            List<Click> own = CLICKS.subList(6, CLICKS.size()).stream()
                    .filter(click -> KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                    click.page(), maxParallelism, parallelism)
                            == index)
                    .toList();
            if (!own.isEmpty()) {
                subtasksWithPages.add(subtask);
            }
            OperatorSubtaskState share = AbstractStreamOperatorTestHarness.repartitionOperatorState(
                    checkpoint, maxParallelism, 1, parallelism, subtask);
            try (var harness = FlinkHarnesses.keyedProcessSubtask(
                    new CountPerPage(), Click::page, Types.STRING, maxParallelism, parallelism, subtask, share)) {
                process(harness, own); // each subtask gets the clicks of the pages its key groups hold
                afterRescale.addAll(harness.extractOutputValues());
            }
        }

        assertThat(subtasksWithPages)
                .as("the pages are spread over both subtasks")
                .containsExactly(0, 1);
        assertThat(afterRescale)
                .as("the counts of clicks 7 to 12, each on the subtask that owns its page after rescaling: keyed"
                        + " state moves with its key group; a map in operator list state does not follow the keys")
                .containsExactlyInAnyOrderElementsOf(uninterrupted(CLICKS).subList(6, CLICKS.size()));
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName("checkpoints are exactly-once at the given interval, with a restart strategy of 3 attempts")
    void checkpointConfiguration() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ExactlyOnceCounts.enableCheckpoints(env, Duration.ofMillis(250));

        assertThat(env.getCheckpointConfig().isCheckpointingEnabled()).isTrue();
        assertThat(env.getCheckpointInterval()).isEqualTo(250);
        assertThat(env.getCheckpointConfig().getCheckpointingConsistencyMode())
                .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY))
                .as("restart-strategy.type")
                .isEqualTo("fixed-delay");
        assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS))
                .isEqualTo(3);
        assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY))
                .isEqualTo(Duration.ZERO);
    }

    /**
     * Fails its task once, at the third count after a checkpoint barrier, once a checkpoint has completed:
     * the two counts before it have reached the sink (chained in the same task) but no checkpoint covers
     * them, so they are replayed. A marker file says it has failed: the task runs this class from the job's
     * own class loader, so a static field would not be shared with the test.
     */
    static final class FailOnceAfterACheckpoint extends RichMapFunction<PageCount, PageCount>
            implements CheckpointedFunction, CheckpointListener {
        private final String failedMarker;
        private boolean checkpointCompleted;
        private int sinceBarrier;

        FailOnceAfterACheckpoint(Path failedMarker) {
            this.failedMarker = failedMarker.toString();
        }

        @Override
        public PageCount map(PageCount count) throws IOException {
            sinceBarrier++;
            if (checkpointCompleted && sinceBarrier == 3 && !Files.exists(Path.of(failedMarker))) {
                Files.createFile(Path.of(failedMarker));
                throw new IllegalStateException("injected failure at " + count);
            }
            return count;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            sinceBarrier = 0;
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointCompleted = true;
        }
    }

    /**
     * Fails one checkpoint, once another has completed, in its own snapshot on a subtask that passed counts
     * since the barrier before: after every operator of the task has prepared for that checkpoint (a sink
     * writer flushes there) and before the checkpoint can complete.
     * The job restarts from the checkpoint before, so what a sink wrote for the failed one is replayed.
     */
    static final class FailACheckpointOnce extends RichMapFunction<PageCount, PageCount>
            implements CheckpointedFunction, CheckpointListener {
        private final String failedMarker;
        private boolean checkpointCompleted;
        private int sinceBarrier;

        FailACheckpointOnce(Path failedMarker) {
            this.failedMarker = failedMarker.toString();
        }

        @Override
        public PageCount map(PageCount count) {
            sinceBarrier++;
            return count;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) throws IOException {
            boolean passedCounts = sinceBarrier > 0; // on a subtask whose sink has something to write
            sinceBarrier = 0;
            if (checkpointCompleted && passedCounts && !Files.exists(Path.of(failedMarker))) {
                Files.createFile(Path.of(failedMarker));
                throw new IllegalStateException("injected failure in checkpoint " + context.getCheckpointId());
            }
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointCompleted = true;
        }
    }

    @Test
    @Lesson
    @Order(5)
    @DisplayName(
            "a job that fails after a checkpoint and during one commits every count once: nothing lost, nothing twice")
    void failureAndRecovery(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("output");
        Path failed = folder.resolve("failed");
        Path checkpointFailed = folder.resolve("checkpoint-failed");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ExactlyOnceCounts.enableCheckpoints(env, Duration.ofMillis(50));
        assertThat(env.getCheckpointConfig().isCheckpointingEnabled())
                .as("enableCheckpoints must turn checkpointing on: the source below waits for checkpoints")
                .isTrue();
        int clicksPerPage = 40;
        // 20 clicks released per checkpoint, so that checkpoints fall between clicks whatever the machine's speed.
        var source = new DataGeneratorSource<>(
                index -> new Click("u" + index % 7, PAGES.get((int) (index % 3)), index),
                3L * clicksPerPage,
                RateLimiterStrategy.perCheckpoint(20),
                TypeInformation.of(Click.class));
        var counts = ExactlyOnceCounts.countPerPage(env.fromSource(source, WatermarkStrategy.noWatermarks(), "clicks"));
        ExactlyOnceCounts.writeCommitted(
                counts.map(new FailOnceAfterACheckpoint(failed)).map(new FailACheckpointOnce(checkpointFailed)),
                output);
        JobClient job = env.executeAsync("exactly-once counts with one failure");
        try {
            job.getJobExecutionResult().get(2, TimeUnit.MINUTES); // a guard against a hang, not a speed test
        } catch (TimeoutException hung) {
            job.cancel().get();
            throw new AssertionError("the job did not finish in 2 minutes: is checkpointing on and the sink bounded?");
        }

        assertThat(failed)
                .as("the injected failure between checkpoints happened")
                .exists();
        assertThat(checkpointFailed)
                .as("the injected failure during a checkpoint happened")
                .exists();
        List<String> expected = PAGES.stream()
                .flatMap(page ->
                        LongStream.rangeClosed(1, clicksPerPage).mapToObj(n -> new PageCount(page, n).toString()))
                .sorted()
                .toList();
        assertThat(ExactlyOnceCounts.committedLines(output))
                .as("the committed lines: every count from 1 to 40 of each page, once (a sink that writes as"
                        + " records come, or at a checkpoint's barrier rather than when the checkpoint completes,"
                        + " shows the replayed counts twice)")
                .containsExactlyElementsOf(expected);
    }

    @Test
    @Order(6)
    @DisplayName("main prints the committed counts of the guide's clicks")
    void mainPrintsCounts() throws Exception {
        String printed = Output.capture(() -> ExactlyOnceCounts.main(new String[0]));

        assertThat(printed.lines().filter(line -> line.startsWith("PageCount[")))
                .containsExactly(
                        "PageCount[page=checkout, count=1]",
                        "PageCount[page=home, count=1]",
                        "PageCount[page=home, count=2]",
                        "PageCount[page=home, count=3]",
                        "PageCount[page=home, count=4]",
                        "PageCount[page=products, count=1]");
    }
}
