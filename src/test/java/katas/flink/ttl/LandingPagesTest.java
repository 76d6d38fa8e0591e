package katas.flink.ttl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import katas.domain.Click;
import katas.flink.ttl.LandingPages.AttributedClick;
import katas.testing.FlinkHarnesses;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SharedMiniCluster;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("state-ttl")
@ExtendWith(SharedMiniCluster.class)
class LandingPagesTest {

    private static final long MINUTE = 60_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, Click, AttributedClick> harness() throws Exception {
        return FlinkHarnesses.keyedProcess(new LandingPages(), Click::userId, Types.STRING);
    }

    /** A click of {@code user} on {@code page} when the machine's clock shows {@code now} (TTL and timers). */
    private static AttributedClick clickAt(
            KeyedOneInputStreamOperatorTestHarness<String, Click, AttributedClick> harness,
            long now,
            String user,
            String page)
            throws Exception {
        harness.setStateTtlProcessingTime(now);
        harness.setProcessingTime(now);
        int before = harness.extractOutputValues().size();
        harness.processElement(new StreamRecord<>(new Click(user, page, now)));
        assertThat(harness.extractOutputValues())
                .as("one attributed click per click")
                .hasSize(before + 1);
        return harness.extractOutputValues().get(before);
    }

    @Test
    @Lesson
    @Order(1)
    @DisplayName("the landing page lives 30 minutes from its last use, and is never served once expired")
    void ttlConfig() {
        StateTtlConfig config = LandingPages.ttlConfig();

        assertThat(config.getTimeToLive()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.getUpdateType())
                .as("a read must renew the time-to-live too: a visit ends after 30 idle minutes, not 30 after it began")
                .isEqualTo(StateTtlConfig.UpdateType.OnReadAndWrite);
        assertThat(config.getStateVisibility())
                .as("an expired value still in memory must not be returned")
                .isEqualTo(StateTtlConfig.StateVisibility.NeverReturnExpired);
    }

    @Test
    @Order(2)
    @DisplayName("each click is tagged with the first page of its user's visit")
    void landingPagePerUser() throws Exception {
        try (var harness = harness()) {
            clickAt(harness, 0, "u1", "home");
            clickAt(harness, MINUTE, "u2", "products");
            clickAt(harness, 2 * MINUTE, "u1", "checkout");
            clickAt(harness, 3 * MINUTE, "u2", "home");

            assertThat(harness.extractOutputValues())
                    .containsExactly(
                            new AttributedClick("u1", "home", "home"),
                            new AttributedClick("u2", "products", "products"),
                            new AttributedClick("u1", "checkout", "home"),
                            new AttributedClick("u2", "home", "products"));
        }
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("a user who keeps clicking keeps their landing page, however long the visit")
    void activeVisitKeepsItsLandingPage() throws Exception {
        try (var harness = harness()) {
            clickAt(harness, 0, "u1", "home");
            clickAt(harness, 20 * MINUTE, "u1", "products");
            clickAt(harness, 40 * MINUTE, "u1", "cart");

            assertThat(clickAt(harness, 60 * MINUTE, "u1", "checkout"))
                    .as("an hour into a visit with a click every 20 minutes: reading the state renews its TTL")
                    .isEqualTo(new AttributedClick("u1", "checkout", "home"));
        }
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName("after 30 minutes without a click, the next click starts a new visit")
    void idleVisitExpires() throws Exception {
        try (var harness = harness()) {
            clickAt(harness, 0, "u1", "home");
            assertThat(clickAt(harness, 30 * MINUTE - 1, "u1", "products"))
                    .as("1 ms before 30 idle minutes: still the same visit")
                    .isEqualTo(new AttributedClick("u1", "products", "home"));

            assertThat(clickAt(harness, 60 * MINUTE - 1, "u1", "pricing"))
                    .as("30 idle minutes later: the landing page has expired and is not returned")
                    .isEqualTo(new AttributedClick("u1", "pricing", "pricing"));
        }
    }

    @Test
    @Lesson
    @Order(5)
    @DisplayName("the expired landing pages of users who never come back are removed as others click")
    void expiredStateIsCleanedUp() throws Exception {
        try (var harness = harness()) {
            clickAt(harness, 0, "u1", "home");
            int oneUser = harness.numKeyedStateEntries();
            for (int user = 0; user < 20; user++) {
                clickAt(harness, 0, "gone-" + user, "home");
            }
            assertThat(harness.numKeyedStateEntries()).isEqualTo(21 * oneUser);

            for (int click = 0; click < 30; click++) {
                clickAt(harness, 31 * MINUTE + click, "u1", "home");
            }
            assertThat(harness.numKeyedStateEntries())
                    .as("state entries once 20 visits have expired and u1 clicked 30 times: expired entries are"
                            + " dropped in the background (keep the TTL's default clean-up), only u1's are left")
                    .isEqualTo(oneUser);
        }
    }

    @Test
    @Order(6)
    @DisplayName("main tags the guide's clicks with their landing pages")
    void mainPrintsAttributedClicks() throws Exception {
        String printed = Output.capture(() -> LandingPages.main(new String[0]));

        assertThat(printed.lines().filter(line -> line.contains("AttributedClick[")))
                .containsExactly(
                        "AttributedClick[userId=u1, page=home, landingPage=home]",
                        "AttributedClick[userId=u2, page=products, landingPage=products]",
                        "AttributedClick[userId=u1, page=checkout, landingPage=home]",
                        "AttributedClick[userId=u3, page=home, landingPage=home]",
                        "AttributedClick[userId=u2, page=home, landingPage=products]",
                        "AttributedClick[userId=u1, page=home, landingPage=home]");
    }
}
