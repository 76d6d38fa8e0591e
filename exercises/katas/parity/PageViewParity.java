package katas.parity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import katas.domain.Click;
import katas.support.CountAggregate;
import katas.support.Fixtures;
import katas.support.LocalSpark;
import katas.support.NotImplementedYet;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Guide 1.3 and part 5, batch and stream: the clicks per page and 5-minute window, computed twice over the
 * same file ({@code userId,page,timestamp} with a header, timestamps in epoch milliseconds): once as a
 * Spark batch job, once as a Flink stream. Both must give the same set of {@link WindowCount}s.
 *
 * <pre>
 * u1,home,1609459200000   ...   u1,home,1609459190000   (25 s behind the newest click)
 *
 * WindowCount[page=home, windowStart=1609459200000, count=3]
 * WindowCount[page=home, windowStart=1609458900000, count=1]
 * WindowCount[page=products, windowStart=1609459200000, count=1]
 * WindowCount[page=checkout, windowStart=1609459200000, count=1]
 * </pre>
 *
 * A batch job sees every row before it answers; a stream answers when the watermark says a window is
 * complete, and drops what comes later. The stream agrees with the batch job only if no click is late: its
 * watermarks must trail the newest click by more than the file's worst disorder (25 s), or the job must
 * run in Flink's batch execution mode.
 */
public final class PageViewParity {

    public static final Duration WINDOW = Duration.ofMinutes(5);
    /** More than the 25 s by which the file's last click trails the newest one. */
    public static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(30);

    /** The clicks of {@code page} in the window that starts at {@code windowStart} (epoch ms). */
    public record WindowCount(String page, long windowStart, long count) {}

    private PageViewParity() {}

    /**
     * Spark, batch: per page and 5-minute window of the click time, the clicks, as rows of
     * {@code page} (string), {@code windowStart} (epoch ms, long) and {@code count} (long).
     */
    public static Dataset<Row> sparkCounts(SparkSession spark, String csvPath) {
        throw new NotImplementedYet();
    }

    /** Flink's event time: the click's timestamp, with watermarks {@link #MAX_OUT_OF_ORDERNESS} behind. */
    public static WatermarkStrategy<Click> watermarkStrategy() {
        throw new NotImplementedYet();
    }

    /**
     * Flink, stream: the same counts, reading the file at {@code csvPath} as a bounded source of lines (in
     * batch execution mode the job reads it to its end), with the {@link #watermarkStrategy()}, in tumbling
     * 5-minute event-time windows per page.
     */
    public static DataStream<WindowCount> flinkCounts(StreamExecutionEnvironment env, String csvPath) {
        throw new NotImplementedYet();
    }

    // Your window function goes here: a ProcessWindowFunction that turns katas.support.CountAggregate's count
    // into a WindowCount.

    /** Spark's rows as {@link WindowCount}s. */
    public static Set<WindowCount> asWindowCounts(Dataset<Row> counts) {
        Set<WindowCount> set = new HashSet<>();
        for (Row row : counts.collectAsList()) {
            set.add(new WindowCount(
                    row.getString(row.fieldIndex("page")),
                    row.getLong(row.fieldIndex("windowStart")),
                    row.getLong(row.fieldIndex("count"))));
        }
        return set;
    }

    /** Runs the Flink job and collects its results. */
    public static Set<WindowCount> collect(DataStream<WindowCount> counts) throws Exception {
        List<WindowCount> results = new ArrayList<>();
        try (CloseableIterator<WindowCount> iterator = counts.executeAndCollect()) {
            iterator.forEachRemaining(results::add);
        }
        return new HashSet<>(results);
    }

    public static void main(String[] args) throws Exception {
        String clicks = Fixtures.path("clicks.csv").toString();
        Set<WindowCount> batch = asWindowCounts(sparkCounts(LocalSpark.session(), clicks));

        StreamExecutionEnvironment streaming = StreamExecutionEnvironment.getExecutionEnvironment();
        Set<WindowCount> stream = collect(flinkCounts(streaming, clicks));
        StreamExecutionEnvironment batchMode = StreamExecutionEnvironment.getExecutionEnvironment();
        batchMode.setRuntimeMode(RuntimeExecutionMode.BATCH);
        Set<WindowCount> flinkBatch = collect(flinkCounts(batchMode, clicks));

        batch.stream().map(WindowCount::toString).sorted().forEach(System.out::println);
        System.out.println("Spark batch = Flink stream: " + batch.equals(stream));
        System.out.println("Spark batch = Flink in batch mode: " + batch.equals(flinkBatch));
    }
}
