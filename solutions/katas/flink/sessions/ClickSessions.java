package katas.flink.sessions;

import java.time.Duration;
import katas.domain.Click;
import katas.domain.PageViewCount;
import katas.support.CountAggregate;
import katas.support.EmitPageViewCount;
import katas.support.Fixtures;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * Guide 2.3, windowing beyond tumbling windows: sessions, whose length the data decides, and sliding
 * windows, which overlap.
 *
 * <p>Part 1: a user's session is a run of clicks with at most {@link #SESSION_GAP} between one click and
 * the next (two clicks exactly one gap apart are in one session). Emit one {@link Session} per session:
 * the user, the first click's time, the last click's time plus the gap (the window's end, exclusive) and
 * the number of clicks. Clicks arrive out of order: a late click that falls between two sessions of a
 * user joins them into one.
 *
 * <p>Part 2: per page, the clicks of the last {@link #SLIDE_SIZE}, updated every {@link #SLIDE_EVERY}:
 * each click is counted in two windows.
 *
 * <p>The tests drive each part's window operator itself: return its output, with nothing after it.
 *
 * <pre>
 * u1 clicks at 10:00 and 10:20, then nothing until 11:30  →  Session[u1, 10:00, 10:50, 2], then a new one
 * home clicked at 10:07                                   →  [10:00, 10:10) and [10:05, 10:15) count it
 * </pre>
 */
public final class ClickSessions {

    public static final Duration SESSION_GAP = Duration.ofMinutes(30);
    public static final Duration SLIDE_SIZE = Duration.ofMinutes(10);
    public static final Duration SLIDE_EVERY = Duration.ofMinutes(5);

    /** A user's session: clicks in {@code [start, end)}, where {@code end} is the last click plus the gap. */
    public record Session(String userId, long start, long end, long clicks) {}

    private ClickSessions() {}

    /** Part 1: one {@link Session} per user and run of clicks at most {@link #SESSION_GAP} apart. */
    public static SingleOutputStreamOperator<Session> sessionsPerUser(DataStream<Click> clicks) {
        // @kata:solution
        return clicks.keyBy(Click::userId)
                .window(EventTimeSessionWindows.withGap(SESSION_GAP))
                .aggregate(new CountAggregate<Click>(), new EmitSession());
        // @kata:end
    }

    /** Part 2: per page, the clicks of each 10-minute window, one window starting every 5 minutes. */
    public static SingleOutputStreamOperator<PageViewCount> slidingCountsPerPage(DataStream<Click> clicks) {
        // @kata:solution
        return clicks.keyBy(Click::page)
                .window(SlidingEventTimeWindows.of(SLIDE_SIZE, SLIDE_EVERY))
                .aggregate(new CountAggregate<Click>(), new EmitPageViewCount());
        // @kata:end
    }

    // @kata:solution
    static final class EmitSession extends ProcessWindowFunction<Long, Session, String, TimeWindow> {
        @Override
        public void process(String userId, Context context, Iterable<Long> counts, Collector<Session> out) {
            TimeWindow window = context.window();
            out.collect(new Session(
                    userId,
                    window.getStart(),
                    window.getEnd(),
                    counts.iterator().next()));
        }
    }

    // @kata:stub
    // Your window function goes here: a ProcessWindowFunction that adds the user and the session window's
    // bounds to the count of katas.support.CountAggregate (whose merge adds the counts of merged sessions).
    // @kata:end

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Click> clicks = env.fromData(Fixtures.clicks())
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Click>forBoundedOutOfOrderness(Duration.ofSeconds(10))
                        .withTimestampAssigner((click, recordTimestamp) -> click.timestamp()));
        DataStream<String> sessions = sessionsPerUser(clicks).map(Session::toString);
        DataStream<String> slidingCounts = slidingCountsPerPage(clicks).map(PageViewCount::describe);
        // Collected by this client, where it runs on a cluster too; print() writes to the TaskManagers' output.
        try (CloseableIterator<String> rows = sessions.union(slidingCounts).executeAndCollect("Click Sessions")) {
            rows.forEachRemaining(System.out::println);
        }
    }
}
