package katas.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimeRepresentationTest {

    private record Session(String userId, long start, long end, long clicks) {}

    private static long at(String time) {
        return Instant.parse("2025-12-08T" + time + "Z").toEpochMilli();
    }

    @Test
    void timesReadAsTheTestsWriteThem() {
        assertThat(EventTimeRepresentation.ofRecord(new Session("u1", at("10:00:00"), at("10:30:00.001"), 3)))
                .isEqualTo("Session[userId=u1, start=10:00 (1765188000000), end=10:30:00.001 (1765189800001),"
                        + " clicks=3]");
        assertThat(EventTimeRepresentation.time(at("10:00:05"))).isEqualTo("10:00:05 (1765188005000)");
        assertThat(EventTimeRepresentation.time(Long.MAX_VALUE))
                .as("the end of time is no clock time")
                .isEqualTo(Long.toString(Long.MAX_VALUE));
    }

    @Test
    void failureMessagesUseThem() {
        assertThatThrownBy(() -> assertThat(new Session("u1", at("10:00:00"), at("11:20:00"), 3))
                        .isEqualTo(new Session("u1", at("10:00:00"), at("11:00:00"), 2)))
                .hasMessageContaining("end=11:20 (")
                .hasMessageContaining("end=11:00 (");
    }
}
