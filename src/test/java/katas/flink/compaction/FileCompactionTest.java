package katas.flink.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import katas.testing.Lesson;
import katas.testing.Once;
import katas.testing.Output;
import katas.testing.SharedMiniCluster;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("flink-file-compaction")
@ExtendWith(SharedMiniCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one instance, so each job runs once per run
class FileCompactionTest {

    /** 120 lines of 9 bytes ({@code row-0001} and a newline), in any order. */
    private static final List<String> LINES = LongStream.rangeClosed(FileCompaction.FIRST, FileCompaction.LAST)
            .mapToObj(FileCompaction::line)
            .toList();

    private static final long TARGET_BYTES = 300;

    @TempDir
    Path temp;

    /** What a job left in its folder, and what was committed at each batch's start but a subtask's first. */
    record Written(Path folder, List<Path> committed, Map<Long, List<String>> committedAtBatchStart) {}

    private final Once<Written> perCheckpoint =
            Once.of(() -> run("per-checkpoint", (numbers, folder) -> FileCompaction.writeLines(numbers, folder)));

    private final Once<Written> merged = Once.of(
            () -> run("merged", (numbers, folder) -> FileCompaction.writeLinesMerged(numbers, folder, TARGET_BYTES)));

    /**
     * Runs the paced numbers (a batch of 10 per subtask and checkpoint) through {@code write}, with a probe
     * between the source and the sink that notes, as each subtask begins a batch, the lines committed by then:
     * that is just after the checkpoint that covers the subtask's batch before has completed.
     */
    private Written run(String name, BiConsumer<DataStream<Long>, Path> write) {
        Path folder = temp.resolve(name);
        Path observations = temp.resolve(name + "-observations");
        try {
            Files.createDirectories(observations);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            FileCompaction.enableCheckpoints(env, Duration.ofMillis(100));
            if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
                throw new AssertionError("enableCheckpoints must turn checkpointing on: the files are committed when a"
                        + " checkpoint completes (without checkpoints a streaming job commits nothing until its"
                        + " input ends), and this test's source waits for a checkpoint after each batch");
            }
            Configuration noRestarts = new Configuration();
            noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a failure fails the test, not replays
            env.configure(noRestarts);
            DataStream<Long> numbers = FileCompaction.numbers(env)
                    .map(new CommittedAtBatchStart(folder, observations))
                    .name("probe");
            write.accept(numbers, folder);
            JobClient job = env.executeAsync(name);
            try {
                job.getJobExecutionResult().get(2, TimeUnit.MINUTES); // a guard against a hang, not a speed test
            } catch (TimeoutException hung) {
                job.cancel().get();
                throw new AssertionError("the job " + name + " did not finish in 2 minutes");
            }
            Map<Long, List<String>> seen = new TreeMap<>();
            try (Stream<Path> files = Files.list(observations)) {
                for (Path file : files.toList()) {
                    seen.put(Long.parseLong(file.getFileName().toString()), Files.readAllLines(file));
                }
            }
            return new Written(folder, visibleFiles(folder), seen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /**
     * At the first number of each batch of its subtask but the first, writes the lines committed under the
     * sink's folder into a file named after that number. It runs chained to the source, in the task that emits
     * the batch: a file, not a field, carries what it saw back to the test.
     */
    static final class CommittedAtBatchStart implements MapFunction<Long, Long> {
        private final String folder;
        private final String observations;
        private boolean firstBatchSeen;

        CommittedAtBatchStart(Path folder, Path observations) {
            this.folder = folder.toString();
            this.observations = observations.toString();
        }

        @Override
        public Long map(Long number) throws IOException {
            if ((number - FileCompaction.FIRST) % FileCompaction.BATCH == 0) {
                if (firstBatchSeen) {
                    Files.write(Path.of(observations, number.toString()), committedLinesWhileRunning(Path.of(folder)));
                }
                firstBatchSeen = true;
            }
            return number;
        }
    }

    /** The files under {@code folder} whose names do not begin with a dot, at any depth. */
    private static List<Path> visibleFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> committedLines(Path folder) {
        List<String> lines = new ArrayList<>();
        for (Path file : visibleFiles(folder)) {
            try {
                lines.addAll(Files.readAllLines(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    /**
     * The lines of the files directly in {@code folder} whose names do not begin with a dot, read while the job
     * runs: hidden files are renamed and deleted meanwhile, so they are left alone by name, before any is read.
     */
    private static List<String> committedLinesWhileRunning(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.filter(
                            entry -> !entry.getFileName().toString().startsWith("."))
                    .toList()) {
                if (Files.isRegularFile(entry)) {
                    lines.addAll(Files.readAllLines(entry)); // committed: never renamed nor deleted
                }
            }
        }
        return lines;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the batch before the one that starts at {@code batchStart}. */
    private static List<String> batchBefore(long batchStart) {
        return LongStream.range(batchStart - FileCompaction.BATCH, batchStart)
                .mapToObj(FileCompaction::line)
                .toList();
    }

    @Test
    @Lesson
    @Order(1)
    @DisplayName("each subtask commits a file per checkpoint that brought it rows: 12 files of 90 bytes")
    void aFilePerSubtaskAndCheckpoint() throws IOException {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FileCompaction.enableCheckpoints(env, Duration.ofMillis(100));
        assertThat(env.getCheckpointConfig().getCheckpointingConsistencyMode())
                .as("exactly-once checkpoints: each line committed once")
                .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        Written written = perCheckpoint.get();

        try (Stream<Path> entries = Files.list(written.folder())) {
            assertThat(entries.filter(Files::isDirectory))
                    .as(
                            "folders under %s: the files belong directly in it, not in a folder per hour of the wall"
                                    + " clock (the default bucket of a file sink)",
                            written.folder())
                    .isEmpty();
        }
        assertThat(written.committed())
                .as("the committed files (names without a leading dot): 2 subtasks x 6 checkpoints with a batch of"
                        + " 10 lines each. 2 files of 540 bytes: the in-progress file was not rolled at each"
                        + " checkpoint, only at the end of the input")
                .hasSize(12)
                .allSatisfy(file -> assertThat(size(file))
                        .as("bytes of %s: 10 lines of 9 bytes", file.getFileName())
                        .isEqualTo(90));
        assertThat(committedLines(written.folder()))
                .as("the committed lines: every number once")
                .containsExactlyInAnyOrderElementsOf(LINES);
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("a batch's lines are visible as soon as the checkpoint that covers them completes")
    void visibleAtTheCheckpoint() {
        Map<Long, List<String>> seen = perCheckpoint.get().committedAtBatchStart();

        assertThat(seen.keySet())
                .as("the batches the probe saw begin, 5 of each subtask after its first")
                .hasSize(10);
        seen.forEach((batchStart, committed) -> assertThat(committed)
                .as(
                        "lines committed when the batch from %s began, just after the checkpoint that covers the batch"
                                + " before completed: the sink must roll its file at each checkpoint, and the committer"
                                + " publish it when that checkpoint completes",
                        FileCompaction.line(batchStart))
                .containsAll(batchBefore(batchStart)));
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("merged up to 300 bytes before the commit: 3 files of 360 bytes, the same 120 lines")
    void mergedFiles() {
        Written written = merged.get();

        assertThat(written.committed())
                .as("the committed files: the 12 files of 90 bytes merged 4 by 4 (the fourth brings a group past 300"
                        + " bytes). More files: merged per checkpoint, or not merged; fewer: one writer")
                .hasSize(3)
                .allSatisfy(file -> assertThat(size(file))
                        .as("bytes of %s", file.getFileName())
                        .isEqualTo(360));
        assertThat(committedLines(written.folder()))
                .as("the committed lines: merging must neither lose nor repeat one")
                .containsExactlyInAnyOrderElementsOf(LINES);
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName("merging costs two operators, one of parallelism 1, and a checkpoint or more of latency")
    void whatMergingCosts() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FileCompaction.writeLinesMerged(FileCompaction.numbers(env), temp.resolve("plan-only"), TARGET_BYTES);
        StreamGraph graph = env.getStreamGraph();
        // In the order they were made: the graph keeps its nodes in a hash map keyed by an id that counts every
        // transformation this JVM has made, so its own order changes from run to run.
        List<String> operators = graph.getStreamNodes().stream()
                .sorted(Comparator.comparingInt(StreamNode::getId))
                .map(node -> node.getOperatorName() + " x" + node.getParallelism())
                .toList();

        assertThat(operators)
                .as("the job's operators (name x parallelism): the writers' files go to one coordinator that"
                        + " groups them, then to compactors that merge them before the committer")
                .containsSubsequence(
                        "Sink: Writer x2",
                        "Sink: CompactorCoordinator x1",
                        "Sink: CompactorOperator x2",
                        "Sink: Committer x2");
        assertThat(graph.getStreamNodes().stream().map(StreamNode::getOperatorName))
                .as("operators of the merged sink")
                .filteredOn(name -> name.startsWith("Sink:"))
                .hasSize(4);

        Map<Long, List<String>> seen = merged.get().committedAtBatchStart();
        assertThat(seen.keySet())
                .as("the batches the probe saw begin, 5 of each subtask after its first")
                .hasSize(10);
        seen.forEach((batchStart, committed) -> assertThat(committed)
                .as(
                        "lines committed when the batch from %s began, just after the checkpoint that covers the batch"
                                + " before completed: a merge starts only once that checkpoint has completed, and its file"
                                + " is committed with a later one",
                        FileCompaction.line(batchStart))
                .doesNotContainAnyElementsOf(batchBefore(batchStart)));
    }

    @Test
    @Lesson
    @Order(5)
    @DisplayName("the committed files are the visible ones: in-progress and pending files begin with a dot")
    void committedFilesSkipHiddenOnes() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("listing"));
        String uuid = "0d7f5cc2-8f5e-4bd2-a3f6-1c0e3e0c1a11";
        List<String> names = List.of(
                "part-" + uuid + "-0", // committed
                "compacted-part-" + uuid + "-0", // committed, merged from four files
                ".part-" + uuid + "-1.inprogress.6b1f3a52-7e0c-4a0b-9d59-3c2b8f7e2d90", // being written
                "..part-" + uuid + "-2.inprogress.a6c4e0d1-2f3b-4c5d-8e9f-0a1b2c3d4e5f", // being written, to be merged
                ".part-" + uuid + "-3", // written and checkpointed, waiting to be merged
                ".compacted-part-" + uuid + "-4.inprogress.f0e1d2c3-b4a5-4968-8776-655443322110"); // being merged
        for (String name : names) {
            Files.writeString(folder.resolve(name), "row-0001\n");
        }

        assertThat(FileCompaction.committedFiles(folder))
                .as(
                        "the files a reader of %s would see: a name that begins with a dot is a file a checkpoint has"
                                + " not committed yet",
                        folder)
                .extracting(file -> file.getFileName().toString())
                .containsExactly("compacted-part-" + uuid + "-0", "part-" + uuid + "-0");
    }

    @Test
    @Order(6)
    @DisplayName("main prints the committed files of both ways of writing")
    void mainPrintsFiles() throws Exception {
        String printed = Output.capture(() -> FileCompaction.main(new String[0]));

        assertThat(printed)
                .contains(
                        "per-checkpoint  12 files, 120 lines, 1080 bytes: [90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90]",
                        "merged           3 files, 120 lines, 1080 bytes: [360, 360, 360]");
    }
}
