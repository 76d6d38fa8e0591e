package katas.flink.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import katas.domain.Click;
import katas.domain.PageViewCount;
import katas.support.Fixtures;
import katas.testing.EventTimeRepresentation;
import katas.testing.FlinkHarnesses;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SharedMiniCluster;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("event-time-windows")
@ExtendWith(SharedMiniCluster.class)
class ClickWindowsTest {

    private static final long WINDOW_START = 1609459200000L; // 2021-01-01T00:00:00Z, a 5-minute boundary
    private static final long WINDOW_END = WINDOW_START + 300_000;
    private static final long PREVIOUS_WINDOW_START = WINDOW_START - 300_000;

    /** The five on-time clicks of the guide, then the late one. */
    private static final List<Click> CLICKS = Fixtures.clicks();

    private static final List<Click> ON_TIME = CLICKS.subList(0, 5);
    private static final Click LATE = CLICKS.get(5);
    /** The watermark the 10 s bounded strategy emits after the newest on-time click (1609459215000). */
    private static final long WATERMARK_AFTER_ON_TIME = 1609459215000L - 10_000 - 1;

    private static final List<PageViewCount> ON_TIME_COUNTS = List.of(
            new PageViewCount("home", WINDOW_START, WINDOW_END, 3),
            new PageViewCount("products", WINDOW_START, WINDOW_END, 1),
            new PageViewCount("checkout", WINDOW_START, WINDOW_END, 1));
    private static final PageViewCount LATE_CLICK_COUNTED =
            new PageViewCount("home", PREVIOUS_WINDOW_START, WINDOW_START, 1);

    /** Builds the learner's pipeline on a placeholder source: only its window operator is taken. */
    private static DataStream<Click> anyClicks() {
        return StreamExecutionEnvironment.getExecutionEnvironment().fromData(CLICKS);
    }

    private static void process(KeyedOneInputStreamOperatorTestHarness<?, Click, ?> harness, Click click)
            throws Exception {
        harness.processElement(new StreamRecord<>(click, click.timestamp()));
    }

    /** The on-time clicks, the watermark they produce, the late click, then the end of the input. */
    private static void processLateClickAfterWatermark(KeyedOneInputStreamOperatorTestHarness<?, Click, ?> harness)
            throws Exception {
        for (Click click : ON_TIME) {
            process(harness, click);
        }
        harness.processWatermark(new Watermark(WATERMARK_AFTER_ON_TIME));
        process(harness, LATE);
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
    }

    @Test
    @Lesson
    @Order(1)
    @DisplayName("event time comes from the click, and the watermark trails the newest click by 10 s")
    void watermarkStrategy() {
        assertThat(FlinkHarnesses.timestampOf(ClickWindows.watermarkStrategy(), LATE))
                .isEqualTo(LATE.timestamp());

        List<Long> watermarks = FlinkHarnesses.watermarksAfterEachEvent(ClickWindows.watermarkStrategy(), CLICKS);

        assertThat(watermarks)
                .as("watermark after each click: newest timestamp seen - 10 s - 1 ms (bounded out-of-orderness)")
                .containsExactly(
                        1609459189999L,
                        1609459190999L,
                        1609459194999L,
                        1609459199999L,
                        WATERMARK_AFTER_ON_TIME,
                        WATERMARK_AFTER_ON_TIME);
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("a window fires only when the watermark reaches its end, with one count per page")
    void windowFiresAtItsEnd() throws Exception {
        try (var harness =
                FlinkHarnesses.<String, Click, PageViewCount>keyedOperatorOf(ClickWindows.countPerPage(anyClicks()))) {
            for (Click click : ON_TIME) {
                process(harness, click);
            }
            harness.processWatermark(new Watermark(WATERMARK_AFTER_ON_TIME));
            harness.processWatermark(new Watermark(WINDOW_END - 2));
            assertThat(harness.extractOutputValues())
                    .as("output before the watermark reaches window end - 1")
                    .isEmpty();

            harness.processWatermark(new Watermark(WINDOW_END - 1));
            assertThat(harness.extractOutputValues())
                    .as(
                            "counts of [%s, %s) once the watermark is at its last millisecond",
                            EventTimeRepresentation.time(WINDOW_START), EventTimeRepresentation.time(WINDOW_END))
                    .containsExactlyInAnyOrderElementsOf(ON_TIME_COUNTS);
        }
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("part 1: a click whose window the watermark has passed is dropped")
    void lateClickDropped() throws Exception {
        try (var harness =
                FlinkHarnesses.<String, Click, PageViewCount>keyedOperatorOf(ClickWindows.countPerPage(anyClicks()))) {
            processLateClickAfterWatermark(harness);

            assertThat(harness.extractOutputValues())
                    .as(
                            "the late click's window [%d, %d) ended before the watermark %d",
                            PREVIOUS_WINDOW_START, WINDOW_START, WATERMARK_AFTER_ON_TIME)
                    .containsExactlyInAnyOrderElementsOf(ON_TIME_COUNTS);
        }
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName("the same click, arriving before any watermark, is counted in the earlier window")
    void clickBeforeTheWatermarkIsNotLate() throws Exception {
        try (var harness =
                FlinkHarnesses.<String, Click, PageViewCount>keyedOperatorOf(ClickWindows.countPerPage(anyClicks()))) {
            for (Click click : CLICKS) {
                process(harness, click);
            }
            harness.processWatermark(new Watermark(Long.MAX_VALUE));

            List<PageViewCount> expected = new ArrayList<>(ON_TIME_COUNTS);
            expected.add(LATE_CLICK_COUNTED);
            assertThat(harness.extractOutputValues()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    @Lesson
    @Order(5)
    @DisplayName("a click 29 s behind the newest, and behind the watermark, is counted while its window is open")
    void clickBehindTheWatermarkInAnOpenWindowIsCounted() throws Exception {
        Click newest = new Click("u4", "home", WINDOW_START + 30_000);
        Click behind = new Click("u5", "home", WINDOW_START + 1_000);
        try (var harness =
                FlinkHarnesses.<String, Click, PageViewCount>keyedOperatorOf(ClickWindows.countPerPage(anyClicks()))) {
            for (Click click : ON_TIME) {
                process(harness, click);
            }
            process(harness, newest);
            harness.processWatermark(new Watermark(newest.timestamp() - 10_000 - 1));
            process(harness, behind);
            harness.processWatermark(new Watermark(Long.MAX_VALUE));

            assertThat(harness.extractOutputValues())
                    .as(
                            "late means the watermark has passed the click's window's end - 1 (%d), not that the"
                                    + " click is more than 10 s behind the newest: home counts all 5 clicks",
                            WINDOW_END - 1)
                    .containsExactlyInAnyOrder(
                            new PageViewCount("home", WINDOW_START, WINDOW_END, 5),
                            ON_TIME_COUNTS.get(1),
                            ON_TIME_COUNTS.get(2));
        }
    }

    @Test
    @Order(6)
    @DisplayName("after a restore the watermark starts over: the click dropped before the failure is counted")
    void watermarkIsNotRestored() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness =
                FlinkHarnesses.<String, Click, PageViewCount>keyedOperatorOf(ClickWindows.countPerPage(anyClicks()))) {
            for (Click click : ON_TIME) {
                process(harness, click);
            }
            harness.processWatermark(new Watermark(WATERMARK_AFTER_ON_TIME));
            snapshot = harness.snapshot(1L, 1L);
        }
        try (var restored = FlinkHarnesses.<String, Click, PageViewCount>keyedOperatorRestored(
                ClickWindows.countPerPage(anyClicks()), snapshot)) {
            process(restored, LATE); // replayed before the sources emit their first watermark
            restored.processWatermark(new Watermark(Long.MAX_VALUE));

            List<PageViewCount> expected = new ArrayList<>(ON_TIME_COUNTS);
            expected.add(LATE_CLICK_COUNTED);
            assertThat(restored.extractOutputValues())
                    .as(
                            "the window state is restored, the watermark %s is not",
                            EventTimeRepresentation.time(WATERMARK_AFTER_ON_TIME))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    @Lesson
    @Order(7)
    @DisplayName("part 2: a click whose window has fired goes to the late-clicks side output")
    void lateClickSideOutput() throws Exception {
        SingleOutputStreamOperator<PageViewCount> counts = ClickWindows.countPerPageWithLateClicks(anyClicks());
        try (var harness = FlinkHarnesses.<String, Click, PageViewCount>keyedOperatorOf(counts)) {
            processLateClickAfterWatermark(harness);

            assertThat(harness.extractOutputValues()).containsExactlyInAnyOrderElementsOf(ON_TIME_COUNTS);
            assertThat(harness.getSideOutput(ClickWindows.LATE_CLICKS))
                    .as("side output %s", ClickWindows.LATE_CLICKS.getId())
                    .isNotNull()
                    .extracting(StreamRecord::getValue)
                    .containsExactly(LATE);
        }
    }

    @Test
    @Order(8)
    @DisplayName("the whole job on a MiniCluster at parallelism 2 counts the on-time clicks whatever the interleaving")
    void wholeJobOnMiniCluster() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Click> clicks = env.fromData(CLICKS).assignTimestampsAndWatermarks(ClickWindows.watermarkStrategy());

        List<PageViewCount> counts = ClickWindows.countPerPage(clicks).executeAndCollect(10);

        assertThat(counts)
                .as(
                        "the on-time counts always; the late click only if no watermark passed its window before it arrived")
                .containsAll(ON_TIME_COUNTS)
                .isSubsetOf(List.of(
                        ON_TIME_COUNTS.get(0), ON_TIME_COUNTS.get(1), ON_TIME_COUNTS.get(2), LATE_CLICK_COUNTED))
                .doesNotHaveDuplicates();
    }

    @Test
    @Order(9)
    @DisplayName("main prints one line per page and window")
    void mainPrintsCounts() throws Exception {
        String printed = Output.capture(() -> ClickWindows.main(new String[0]));

        assertThat(printed)
                .contains(
                        "Page 'home' had 3 visits in window 1609459200000 to 1609459500000",
                        "Page 'products' had 1 visits in window 1609459200000 to 1609459500000",
                        "Page 'checkout' had 1 visits in window 1609459200000 to 1609459500000");
    }
}
