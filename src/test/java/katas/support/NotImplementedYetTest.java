package katas.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotImplementedYetTest {

    private static NotImplementedYet thrownBySomeStub() {
        return new NotImplementedYet();
    }

    @Test
    @DisplayName("names the method that threw it and keeps only that frame")
    void namesItsCaller() {
        NotImplementedYet signal = thrownBySomeStub();

        assertThat(signal).hasMessage("NotImplementedYetTest.thrownBySomeStub is not implemented yet");
        assertThat(signal.getStackTrace())
                .singleElement()
                .satisfies(frame -> assertThat(frame.getMethodName()).isEqualTo("thrownBySomeStub"));
    }
}
