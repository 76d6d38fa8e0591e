package katas.flink.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import katas.domain.Click;
import katas.domain.PageViewCount;
import katas.flink.sessions.ClickSessions.Session;
import katas.support.Fixtures;
import katas.testing.FlinkHarnesses;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SharedMiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("session-windows")
@ExtendWith(SharedMiniCluster.class)
class ClickSessionsTest {

    /** Event time on 2025-12-08 (UTC), e.g. {@code at("10:20")} or {@code at("10:49:59.999")}. */
    private static long at(String time) {
        return Instant.parse("2025-12-08T" + (time.length() == 5 ? time + ":00" : time) + "Z")
                .toEpochMilli();
    }

    /** Builds the learner's pipeline on a placeholder source: only its window operator is taken. */
    private static DataStream<Click> anyClicks() {
        return StreamExecutionEnvironment.getExecutionEnvironment().fromData(Fixtures.clicks());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Click, Session> sessions() throws Exception {
        return FlinkHarnesses.keyedOperatorOf(ClickSessions.sessionsPerUser(anyClicks()));
    }

    private static void click(
            KeyedOneInputStreamOperatorTestHarness<String, Click, ?> harness, String user, String time)
            throws Exception {
        click(harness, user, "home", time);
    }

    private static void click(
            KeyedOneInputStreamOperatorTestHarness<String, Click, ?> harness, String user, String page, String time)
            throws Exception {
        harness.processElement(new StreamRecord<>(new Click(user, page, at(time)), at(time)));
    }

    private static void watermark(KeyedOneInputStreamOperatorTestHarness<String, Click, ?> harness, long time)
            throws Exception {
        harness.processWatermark(new Watermark(time));
    }

    @Test
    @Lesson
    @Order(1)
    @DisplayName("a user's session ends 30 minutes after their last click, in event time, whatever other users do")
    void sessionEndsAfterTheGap() throws Exception {
        try (var harness = sessions()) {
            click(harness, "u1", "10:00");
            click(harness, "u1", "10:20");
            click(harness, "u2", "10:40");

            watermark(harness, at("10:49:59.998"));
            assertThat(harness.extractOutputValues())
                    .as("nothing before the watermark reaches the session's end - 1 ms")
                    .isEmpty();

            watermark(harness, at("10:49:59.999"));
            assertThat(harness.extractOutputValues())
                    .as("u1's session: first click to last click + 30 min, two clicks; u2's clicks are u2's")
                    .containsExactly(new Session("u1", at("10:00"), at("10:50"), 2));
        }
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("a click more than 30 minutes after the last one starts a new session")
    void gapSplitsSessions() throws Exception {
        try (var harness = sessions()) {
            click(harness, "u1", "10:00");
            click(harness, "u1", "10:30:00.001");
            click(harness, "u2", "10:00");
            click(harness, "u2", "10:30");
            watermark(harness, Long.MAX_VALUE);

            assertThat(harness.extractOutputValues())
                    .as("u1: two sessions, 30 min + 1 ms apart; u2: one, exactly 30 min apart (Flink's session"
                            + " windows merge windows that touch)")
                    .containsExactlyInAnyOrder(
                            new Session("u1", at("10:00"), at("10:30"), 1),
                            new Session("u1", at("10:30:00.001"), at("11:00:00.001"), 1),
                            new Session("u2", at("10:00"), at("11:00"), 2));
        }
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("a late click between two sessions of a user merges them into one")
    void lateClickMergesSessions() throws Exception {
        try (var harness = sessions()) {
            click(harness, "u1", "10:00");
            click(harness, "u1", "10:50");
            watermark(harness, at("10:20"));
            click(harness, "u1", "10:25");
            watermark(harness, Long.MAX_VALUE);

            assertThat(harness.extractOutputValues())
                    .as("the 10:25 click is within 30 min of both: one session of three clicks, 10:00 to 11:20")
                    .containsExactly(new Session("u1", at("10:00"), at("11:20"), 3));
        }
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName("sliding windows count each click in both 10-minute windows that cover it")
    void slidingWindows() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Click, PageViewCount> harness =
                FlinkHarnesses.keyedOperatorOf(ClickSessions.slidingCountsPerPage(anyClicks()))) {
            click(harness, "u1", "home", "10:07");
            click(harness, "u2", "home", "10:12");
            click(harness, "u3", "cart", "10:05");

            watermark(harness, at("10:09:59.999"));
            assertThat(harness.extractOutputValues())
                    .as("only [10:00, 10:10) has ended")
                    .containsExactlyInAnyOrder(
                            new PageViewCount("home", at("10:00"), at("10:10"), 1),
                            new PageViewCount("cart", at("10:00"), at("10:10"), 1));

            watermark(harness, Long.MAX_VALUE);
            assertThat(harness.extractOutputValues())
                    .as("10-minute windows starting every 5 minutes, per page")
                    .containsExactlyInAnyOrder(
                            new PageViewCount("home", at("10:00"), at("10:10"), 1),
                            new PageViewCount("home", at("10:05"), at("10:15"), 2),
                            new PageViewCount("home", at("10:10"), at("10:20"), 1),
                            new PageViewCount("cart", at("10:00"), at("10:10"), 1),
                            new PageViewCount("cart", at("10:05"), at("10:15"), 1));
        }
    }

    @Test
    @Order(5)
    @DisplayName("main prints one session per user of the guide's clicks")
    void mainPrintsSessions() throws Exception {
        String printed = Output.capture(() -> ClickSessions.main(new String[0]));

        assertThat(printed.lines().filter(line -> line.contains("Session[")))
                .containsExactlyInAnyOrder(
                        "Session[userId=u1, start=1609459190000, end=1609461005000, clicks=3]",
                        "Session[userId=u2, start=1609459201000, end=1609461015000, clicks=2]",
                        "Session[userId=u3, start=1609459210000, end=1609461010000, clicks=1]");
    }
}
