package katas.spark.streaming;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.window;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeoutException;
import katas.support.Fixtures;
import katas.support.LocalSpark;
import katas.support.ScratchFolder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Guide 1.3, 2.2 and part 5, Spark's side of stream processing: the clicks of guide 4.3 ex.1 counted per
 * page in 5-minute tumbling event-time windows with Structured Streaming, tolerating clicks up to 10
 * seconds late, as the Flink exercise event-time-windows does.
 *
 * <pre>
 * userId,page,eventTime
 * u1,home,2021-01-01 00:00:00        u3,home,2021-01-01 00:00:10
 * u2,products,2021-01-01 00:00:01    u2,home,2021-01-01 00:00:15
 * u1,checkout,2021-01-01 00:00:05    u1,home,2020-12-31 23:59:50   (25 s behind the newest click)
 * </pre>
 *
 * Spark runs a stream as micro-batches. At the end of each one, the watermark becomes the newest event
 * time seen minus the delay, and a window whose end it has reached is final: its state is dropped, and
 * so is any later row for it. A row is dropped by its window's end, not by its own time: at watermark
 * 00:00:05 a click at 00:00:01 still counts, its window [00:00, 00:05) being open. In append mode a
 * window's count is written once, when it is final; in update mode every batch writes the counts it
 * changed. The checkpoint keeps the offsets read, the counts and the watermark, so that a query started
 * again on it goes on where it stopped.
 *
 * <p>When the watermark applies depends on {@code spark.sql.streaming.noDataMicroBatches.enabled}. Spark
 * 3.5 drops late rows against the watermark of the batch before the current one. At the default
 * ({@code true}), a batch that moves the watermark is followed at once by a batch without data, so the
 * new watermark is in force for the next rows: the tests run so, unless their name says otherwise. With
 * it {@code false}, as one test sets, the batch right after the one that moved the watermark still
 * counts a late row, and the batch after that drops it; {@link #main} shows the same at the default,
 * because its late file is already waiting when the first batch ends (see ERRATA.md).
 */
public final class StreamingClickCounts {

    /** The input's columns: the clicks of guide 4.3 ex.1, with their time as a timestamp. */
    public static final StructType CLICKS = new StructType()
            .add("userId", DataTypes.StringType)
            .add("page", DataTypes.StringType)
            .add("eventTime", DataTypes.TimestampType);

    private StreamingClickCounts() {}

    /**
     * Per page and 5-minute tumbling window of {@code eventTime}, the number of clicks, dropping clicks
     * more than 10 seconds older than the newest one seen. Columns: windowStart, windowEnd, page, count.
     */
    public static Dataset<Row> countPerPage(Dataset<Row> clicks) {
        // @kata:solution
        return clicks.withWatermark("eventTime", "10 seconds")
                .groupBy(window(col("eventTime"), "5 minutes"), col("page"))
                .count()
                .select(
                        col("window.start").as("windowStart"),
                        col("window.end").as("windowEnd"),
                        col("page"),
                        col("count"));
        // @kata:end
    }

    /**
     * Starts writing the counts into the in-memory table {@code table}, in the given output mode, with its
     * progress (offsets and state) kept in {@code checkpoint}.
     */
    public static StreamingQuery start(Dataset<Row> counts, OutputMode mode, String table, String checkpoint)
            throws TimeoutException {
        // @kata:solution
        return counts.writeStream()
                .outputMode(mode)
                .format("memory")
                .queryName(table)
                .option("checkpointLocation", checkpoint)
                .start();
        // @kata:end
    }

    /**
     * Streams the guide's clicks in two micro-batches, the five on time, then the late one, and prints
     * the counts each batch changed. The late click is still counted: its file is waiting when the first
     * batch ends, so its batch comes right after the one that moved the watermark, with no batch without
     * data between, and Spark drops late rows against the watermark of the batch before (see ERRATA.md).
     */
    public static void main(String[] args) throws IOException, TimeoutException, StreamingQueryException {
        SparkSession spark = LocalSpark.session();
        List<String> lines = Files.readAllLines(Fixtures.path("clicks.csv"));
        try (ScratchFolder folder = ScratchFolder.create("streaming-clicks-")) {
            Path input = Files.createDirectories(folder.resolve("input"));
            writeBatch(input.resolve("1-on-time.csv"), lines.subList(1, 6), 1);
            writeBatch(input.resolve("2-late.csv"), lines.subList(6, 7), 2);
            Dataset<Row> clicks = spark.readStream()
                    .schema("userId STRING, page STRING, timestamp LONG")
                    .option("maxFilesPerTrigger", 1)
                    .csv(input.toString())
                    .select(
                            col("userId"),
                            col("page"),
                            col("timestamp").divide(1000).cast("timestamp").as("eventTime"));
            StreamingQuery query = countPerPage(clicks)
                    .writeStream()
                    .outputMode(OutputMode.Update())
                    .format("console")
                    .option("truncate", false)
                    .option("checkpointLocation", folder.resolve("checkpoint").toString())
                    .trigger(Trigger.AvailableNow())
                    .start();
            query.awaitTermination();
        }
    }

    /** One CSV file per micro-batch, ordered by modification time, which the file source reads in. */
    private static void writeBatch(Path file, List<String> clicks, int order) throws IOException {
        Files.write(file, clicks);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000L * order));
    }
}
