package katas.flink.eventtime;

import java.time.Duration;
import katas.domain.Click;
import katas.domain.PageViewCount;
import katas.support.Fixtures;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Guide 4.3 ex.1, event time: count the clicks of each page in 5-minute tumbling event-time windows,
 * tolerating clicks up to 10 seconds out of order.
 *
 * <pre>
 * u1,home,1609459200000        u3,home,1609459210000
 * u2,products,1609459201000    u2,home,1609459215000
 * u1,checkout,1609459205000    u1,home,1609459190000   (25 s behind the newest click)
 * </pre>
 *
 * A window {@code [start, end)} fires once the watermark reaches {@code end - 1}. A click whose window
 * has already fired is late: dropped by default, or sent to a side output if asked for.
 */
public final class ClickWindows {

    public static final Duration WINDOW_SIZE = Duration.ofMinutes(5);
    public static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(10);
    /** Where part 2 sends the clicks that arrive after their window has fired. */
    public static final OutputTag<Click> LATE_CLICKS = new OutputTag<>("late-clicks", TypeInformation.of(Click.class));

    private ClickWindows() {}

    /** Event time from {@link Click#timestamp()}; watermarks trail the newest click by 10 seconds. */
    public static WatermarkStrategy<Click> watermarkStrategy() {
        // @kata:solution
        return WatermarkStrategy.<Click>forBoundedOutOfOrderness(MAX_OUT_OF_ORDERNESS)
                .withTimestampAssigner((click, recordTimestamp) -> click.timestamp());
        // @kata:end
    }

    /**
     * Part 1: per page and 5-minute tumbling event-time window, the number of clicks. The tests drive the
     * window operator itself: return its output, with nothing after it.
     */
    public static SingleOutputStreamOperator<PageViewCount> countPerPage(DataStream<Click> clicks) {
        // @kata:solution
        return windowedByPage(clicks).aggregate(new CountClicks(), new EmitPageViewCount());
        // @kata:end
    }

    /** Part 2: the same counts, with every late click sent to {@link #LATE_CLICKS} instead of dropped. */
    public static SingleOutputStreamOperator<PageViewCount> countPerPageWithLateClicks(DataStream<Click> clicks) {
        // @kata:solution
        return windowedByPage(clicks)
                .sideOutputLateData(LATE_CLICKS)
                .aggregate(new CountClicks(), new EmitPageViewCount());
        // @kata:end
    }

    // @kata:solution
    private static WindowedStream<Click, String, TimeWindow> windowedByPage(DataStream<Click> clicks) {
        return clicks.keyBy(Click::page).window(TumblingEventTimeWindows.of(WINDOW_SIZE));
    }

    /** Counts incrementally: the window keeps one number, not every click. */
    static final class CountClicks implements AggregateFunction<Click, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Click click, Long count) {
            return count + 1;
        }

        @Override
        public Long getResult(Long count) {
            return count;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    /** Adds the page and the window bounds to the count. */
    static final class EmitPageViewCount extends ProcessWindowFunction<Long, PageViewCount, String, TimeWindow> {
        @Override
        public void process(String page, Context context, Iterable<Long> counts, Collector<PageViewCount> out) {
            TimeWindow window = context.window();
            out.collect(new PageViewCount(
                    page, window.getStart(), window.getEnd(), counts.iterator().next()));
        }
    }
    // @kata:stub
    // Your window functions go here: an AggregateFunction that counts, and a ProcessWindowFunction that
    // turns the count into a PageViewCount with the window's start and end.
    // @kata:end

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<Click> clicks = env.fromData(Fixtures.clicks()).assignTimestampsAndWatermarks(watermarkStrategy());
        // Collected by this client, where it runs on a cluster too; print() writes to the TaskManagers' output.
        try (CloseableIterator<String> rows =
                countPerPage(clicks).map(PageViewCount::describe).executeAndCollect("Click Analytics")) {
            rows.forEachRemaining(System.out::println);
        }
    }
}
