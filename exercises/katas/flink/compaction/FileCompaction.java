package katas.flink.compaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import katas.support.CheckpointPacedNumbers;
import katas.support.NotImplementedYet;
import katas.support.ScratchFolder;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.sink.compactor.ConcatFileCompactor;
import org.apache.flink.connector.file.sink.compactor.FileCompactStrategy;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * Guide part 7, small files in Flink. A streaming job that writes files cannot write one big file at the
 * end: it makes output visible in steps, each step committed when a checkpoint completes. Each subtask of
 * the writing operator writes its own files, so a job commits up to (subtasks × buckets) new files at every
 * checkpoint, each holding only what arrived since the one before. Many small files hurt every later
 * reader: listing a folder (a NameNode call on HDFS, paged listings on an object store), then one open, one
 * request and one footer per file, and too many small splits.
 *
 * <p>The input: the numbers 1 to 120, each written as a line {@code row-0042} (9 bytes with its newline).
 * The tests run at parallelism 2 and pace the source: each subtask emits a batch of 10 numbers per
 * checkpoint, so every completed checkpoint covers at most one batch of each subtask.
 *
 * <p>Part 1 ({@link #writeLines}): files whose content is committed only when a checkpoint completes
 * (exactly once), a new part file started at every checkpoint, written straight into the folder (no
 * subfolder per hour of the wall clock). Expected: 12 committed files, one per subtask and checkpoint,
 * each of 90 bytes.
 *
 * <p>Part 2 ({@link #writeLinesMerged}): the same files, merged by Flink before they are committed, until
 * the files merged together reach {@code targetBytes}. With a target of 300 bytes: 3 committed files of
 * 360 bytes, and the same 120 lines.
 *
 * <p>Part 3 ({@link #committedFiles}): the files a reader would see. Files still being written, and files
 * written but waiting for their checkpoint, have names that begin with a dot: readers skip them.
 */
public final class FileCompaction {

    /** The first and last number written. */
    public static final long FIRST = 1;

    public static final long LAST = 120;

    /** How many numbers each subtask emits per checkpoint. */
    public static final int BATCH = 10;

    private FileCompaction() {}

    /** The line written for {@code number}: {@code row-0042}. */
    public static String line(long number) {
        return String.format("row-%04d", number);
    }

    /** Exactly-once checkpoints every {@code interval}: the steps in which the files below are committed. */
    public static void enableCheckpoints(StreamExecutionEnvironment env, Duration interval) {
        throw new NotImplementedYet();
    }

    /**
     * Part 1: each number as its {@link #line} into files directly under {@code folder}, committed when a
     * checkpoint completes, a new file begun at every checkpoint.
     */
    public static void writeLines(DataStream<Long> numbers, Path folder) {
        throw new NotImplementedYet();
    }

    /**
     * Part 2: as {@link #writeLines}, but the files are merged before they are committed, each merged file
     * made of files that together hold at least {@code targetBytes} (the last one may hold less).
     */
    public static void writeLinesMerged(DataStream<Long> numbers, Path folder, long targetBytes) {
        throw new NotImplementedYet();
    }

    /** Part 3: the committed files under {@code folder}, sorted by name (none of the hidden ones). */
    public static List<Path> committedFiles(Path folder) {
        throw new NotImplementedYet();
    }

    /** The numbers, {@link #BATCH} per subtask and checkpoint. */
    public static DataStream<Long> numbers(StreamExecutionEnvironment env) {
        return env.fromSource(
                new CheckpointPacedNumbers(FIRST, LAST, BATCH), WatermarkStrategy.noWatermarks(), "numbers");
    }

    /** Writes the numbers both ways and prints the committed files, their sizes and their lines. */
    public static void main(String[] args) throws Exception {
        try (ScratchFolder output = ScratchFolder.create("file-compaction-")) {
            for (boolean merged : new boolean[] {false, true}) {
                Path folder = output.resolve(merged ? "merged" : "per-checkpoint");
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
                env.setParallelism(2);
                enableCheckpoints(env, Duration.ofMillis(100));
                if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
                    // The paced source would wait for ever for its first checkpoint.
                    throw new IllegalStateException("checkpoints are off: nothing would ever be committed");
                }
                if (merged) {
                    writeLinesMerged(numbers(env), folder, 300);
                } else {
                    writeLines(numbers(env), folder);
                }
                env.execute(merged ? "Merged files" : "A file per subtask and checkpoint");
                List<Path> files = committedFiles(folder);
                long lines = 0;
                long bytes = 0;
                for (Path file : files) {
                    lines += Files.readAllLines(file).size();
                    bytes += Files.size(file);
                }
                System.out.printf(
                        "%-15s %2d files, %d lines, %d bytes: %s%n",
                        folder.getFileName(),
                        files.size(),
                        lines,
                        bytes,
                        files.stream().map(file -> size(file)).toList());
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
