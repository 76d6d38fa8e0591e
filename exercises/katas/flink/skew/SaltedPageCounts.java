package katas.flink.skew;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import katas.domain.Click;
import katas.domain.PageViewCount;
import katas.support.CountAggregate;
import katas.support.EmitPageViewCount;
import katas.support.NotImplementedYet;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * Guide part 7, data skew in Flink: count clicks per page and minute when 90% of the clicks are on one page.
 * Keyed by page alone, one subtask counts nine clicks in ten while the others idle.
 *
 * <p>Two phases: first count per <em>salted</em> key (the page plus one of {@link #SALTS} salts derived from
 * the click), so that the hot page is spread over every subtask; then add the partial counts per page and
 * window. With the reference salt, the busiest subtask of phase 1 gets at most {@link #MAX_IMBALANCE} times
 * the clicks of the least busy one (measured: 1.13 at parallelism 2, against 28.6 keyed by page alone).
 *
 * <pre>
 * main's clicks (seed 42), phase 1 then phase 2, in the first minute:
 * home#3 [10:00, 10:01) 146    home#11 [10:00, 10:01) 95   ...  →   home [10:00, 10:01) 1803
 * </pre>
 */
public final class SaltedPageCounts {

    public static final int SALTS = 16;
    public static final Duration WINDOW = Duration.ofMinutes(1);
    /** The busiest phase-1 subtask's clicks over the least busy one's that the tests accept. */
    public static final double MAX_IMBALANCE = 1.25;

    /** Phase 1's result: the clicks of {@code page} with one salt in the window {@code [start, end)}. */
    public record PartialCount(String page, long windowStart, long windowEnd, long count) {}

    private SaltedPageCounts() {}

    /** The key of phase 1: the page and a salt in {@code [0, SALTS)}, the same every time for one click. */
    public static String saltedKey(Click click) {
        throw new NotImplementedYet();
    }

    /** Phase 1: per salted key and 1-minute event-time window, the number of clicks. */
    public static SingleOutputStreamOperator<PartialCount> preAggregate(DataStream<Click> clicks) {
        throw new NotImplementedYet();
    }

    /** Phase 2: per page and window, the sum of the partial counts. */
    public static SingleOutputStreamOperator<PageViewCount> combine(DataStream<PartialCount> partials) {
        throw new NotImplementedYet();
    }

    // Your window functions go here: for phase 1, one that turns katas.support.CountAggregate's count into a
    // PartialCount without the salt; for phase 2, a sum of partial counts (katas.support.EmitPageViewCount
    // turns the sum into a PageViewCount).

    /**
     * {@code count} clicks from a fixed seed over five minutes from 2025-12-08T10:00Z, in time order: 90% on
     * {@code home}, the rest over nine other pages, by 1,000 users.
     */
    public static List<Click> skewedClicks(long seed, int count) {
        Random random = new Random(seed);
        long start = 1765188000000L; // 2025-12-08T10:00:00Z
        long step = Duration.ofMinutes(5).toMillis() / count;
        return IntStream.range(0, count)
                .mapToObj(i -> new Click(
                        "u" + random.nextInt(1_000),
                        random.nextDouble() < 0.9 ? "home" : "page-" + random.nextInt(9),
                        start + i * step))
                .toList();
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Click> clicks = env.fromData(skewedClicks(42, 10_000))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Click>forMonotonousTimestamps()
                        .withTimestampAssigner((click, recordTimestamp) -> click.timestamp()));
        DataStream<String> home = combine(preAggregate(clicks))
                .filter(count -> count.page().equals("home"))
                .map(PageViewCount::describe);
        // Collected by this client, where it runs on a cluster too; print() writes to the TaskManagers' output.
        try (CloseableIterator<String> rows = home.executeAndCollect("Salted page counts")) {
            rows.forEachRemaining(System.out::println);
        }
    }
}
