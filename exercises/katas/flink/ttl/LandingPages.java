package katas.flink.ttl;

import java.time.Duration;
import katas.domain.Click;
import katas.support.Fixtures;
import katas.support.NotImplementedYet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * Guide 2.4 and 4.4, state that expires: tag each click with its visit's landing page, the first page the
 * user opened in the current visit. A visit ends after {@link #IDLE_TIMEOUT} without a click from that
 * user, whenever it began: a user who keeps clicking keeps their landing page.
 *
 * <pre>
 * u1 home at 10:00, products at 10:20, cart at 10:45   →  all three landed on home
 * u1 pricing at 11:30 (45 idle minutes)                →  a new visit, landed on pricing
 * </pre>
 *
 * The landing page lives in keyed state with a time-to-live, not a timer: Flink drops it by itself once
 * it has not been used for 30 minutes, and never returns a value that has expired. State TTL runs on
 * processing time, the machine's clock.
 */
public class LandingPages extends KeyedProcessFunction<String, Click, LandingPages.AttributedClick> {

    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    /** A click and the page its visit started on. */
    public record AttributedClick(String userId, String page, String landingPage) {}

    private transient ValueState<String> landingPage;

    /** The time-to-live of the landing page: 30 minutes since it was last written or read, never served stale. */
    public static StateTtlConfig ttlConfig() {
        throw new NotImplementedYet();
    }

    @Override
    public void open(OpenContext openContext) {
        // Create the landing page's state here, with the time-to-live of ttlConfig().
    }

    @Override
    public void processElement(Click click, Context ctx, Collector<AttributedClick> out) throws Exception {
        throw new NotImplementedYet();
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1); // one reader, so the clicks keep the guide's order
        DataStream<AttributedClick> landings =
                env.fromData(Fixtures.clicks()).keyBy(Click::userId).process(new LandingPages());
        // Collected by this client, where it runs on a cluster too; print() writes to the TaskManagers' output.
        try (CloseableIterator<AttributedClick> rows = landings.executeAndCollect("Landing Pages")) {
            rows.forEachRemaining(System.out::println);
        }
    }
}
