package katas.flink.skew;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summingLong;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import katas.domain.Click;
import katas.domain.PageViewCount;
import katas.flink.skew.SaltedPageCounts.PartialCount;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SharedMiniCluster;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("flink-skew")
@ExtendWith(SharedMiniCluster.class)
class SaltedPageCountsTest {

    private static final List<Click> CLICKS = SaltedPageCounts.skewedClicks(7, 10_000);
    private static final long MINUTE = 60_000L;

    private static DataStream<Click> clicksWithEventTime() {
        return StreamExecutionEnvironment.getExecutionEnvironment()
                .fromData(CLICKS)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Click>forMonotonousTimestamps()
                        .withTimestampAssigner((click, recordTimestamp) -> click.timestamp()));
    }

    private static <T> List<T> collect(DataStream<T> stream) throws Exception {
        List<T> rows = new ArrayList<>();
        try (CloseableIterator<T> iterator = stream.executeAndCollect()) {
            iterator.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static double imbalance(Collection<Long> perSubtask) {
        return (double) perSubtask.stream().mapToLong(Long::longValue).max().orElseThrow()
                / perSubtask.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    /** A phase-1 result and the subtask that produced it. */
    public record SubtaskCount(int subtask, long count) {}

    /** Chained to the window operator of phase 1, so it runs in the subtask that counted the clicks. */
    static final class TagSubtask extends RichMapFunction<PartialCount, SubtaskCount> {
        @Override
        public SubtaskCount map(PartialCount partial) {
            return new SubtaskCount(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), partial.count());
        }
    }

    @Test
    @Lesson
    @Order(1)
    @DisplayName("the salted key is the page and one of 16 salts, the same for a click every time")
    void saltedKey() {
        Click click = CLICKS.get(0);
        assertThat(SaltedPageCounts.saltedKey(click))
                .as("a key selector must be deterministic: Flink computes the key again where the state lives")
                .isEqualTo(SaltedPageCounts.saltedKey(new Click(click.userId(), click.page(), click.timestamp())))
                .startsWith(click.page() + "#");

        Set<String> homeKeys = CLICKS.stream()
                .filter(c -> c.page().equals("home"))
                .map(SaltedPageCounts::saltedKey)
                .collect(Collectors.toSet());
        assertThat(homeKeys)
                .as("the hot page's keys: home#0 to home#15, each used")
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, SaltedPageCounts.SALTS)
                        .mapToObj(salt -> "home#" + salt)
                        .toList());
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("phase 1 spreads the hot page: each subtask counts about as many clicks as the other")
    void phaseOneIsBalanced() throws Exception {
        Map<Integer, Long> clicksPerSubtask =
                collect(SaltedPageCounts.preAggregate(clicksWithEventTime()).map(new TagSubtask())).stream()
                        .collect(groupingBy(SubtaskCount::subtask, summingLong(SubtaskCount::count)));
        Map<Integer, Long> keyedByPage = CLICKS.stream()
                .collect(groupingBy(
                        c -> KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                c.page(),
                                KeyGroupRangeAssignment.DEFAULT_LOWER_BOUND_MAX_PARALLELISM,
                                SharedMiniCluster.PARALLELISM),
                        counting()));

        assertThat(clicksPerSubtask.values().stream().mapToLong(Long::longValue).sum())
                .as("clicks counted in phase 1")
                .isEqualTo(CLICKS.size());
        assertThat(imbalance(keyedByPage.values()))
                .as("keyed by page alone, the busiest subtask's share over the other's")
                .isGreaterThan(9);
        assertThat(clicksPerSubtask).as("clicks per subtask in phase 1").hasSize(SharedMiniCluster.PARALLELISM);
        assertThat(imbalance(clicksPerSubtask.values()))
                .as(
                        "phase 1's busiest subtask's clicks over the least busy one's %s: salt the hot page's key",
                        clicksPerSubtask)
                .isLessThanOrEqualTo(SaltedPageCounts.MAX_IMBALANCE);
    }

    @Test
    @Order(3)
    @DisplayName("phase 2 gives the totals of a plain count per page and minute, one row each")
    void totalsEqualThePlainAggregation() throws Exception {
        Map<PageViewCount, Long> expected = CLICKS.stream()
                .collect(groupingBy(
                        c -> {
                            long start = c.timestamp() - c.timestamp() % MINUTE;
                            return new PageViewCount(c.page(), start, start + MINUTE, 0);
                        },
                        counting()));
        List<PageViewCount> plain = expected.entrySet().stream()
                .map(e -> new PageViewCount(
                        e.getKey().page(), e.getKey().windowStart(), e.getKey().windowEnd(), e.getValue()))
                .toList();

        List<PageViewCount> twoPhase =
                collect(SaltedPageCounts.combine(SaltedPageCounts.preAggregate(clicksWithEventTime())));

        assertThat(twoPhase)
                .as("per page and window: the sum of the partial counts of every salt, in one row")
                .containsExactlyInAnyOrderElementsOf(plain);
    }

    @Test
    @Order(4)
    @DisplayName("main prints home's count for each of the five minutes")
    void mainPrintsHomeCounts() throws Exception {
        String printed = Output.capture(() -> SaltedPageCounts.main(new String[0]));

        assertThat(printed.lines().filter(line -> line.contains("Page 'home'")))
                .hasSize(5)
                .allMatch(line -> line.matches(".*Page 'home' had \\d+ visits in window \\d+ to \\d+"));
    }
}
