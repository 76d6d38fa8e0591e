package katas.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedMiniCluster.class)
class SurfaceRootCauseTest {

    /** Fails as a learner's function would, inside a task. */
    static final class Failing implements MapFunction<Integer, Integer> {
        @Override
        public Integer map(Integer value) {
            throw new IllegalStateException("no state for key " + value);
        }
    }

    @Test
    @DisplayName("a failed Flink job is reported as its root cause, with the line of the function that threw")
    void flinkJobFailureShowsItsRootCause() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Throwable failure =
                catchThrowable(() -> env.fromData(List.of(1)).map(new Failing()).executeAndCollect(1));

        assertThat(failure).as("what the job itself throws").hasMessageNotContaining("no state for key");
        Throwable root = SurfaceRootCause.jobRootCause(failure, getClass().getClassLoader())
                .orElseThrow();
        assertThat(root).isInstanceOf(IllegalStateException.class).hasMessage("no state for key 1");
        assertThat(root.getStackTrace()[0].getFileName()).isEqualTo("SurfaceRootCauseTest.java");
        assertThat(new SurfaceRootCause.FailedInJob(root, SharedMiniCluster.class))
                .hasMessage("IllegalStateException: no state for key 1 (at SurfaceRootCauseTest.java:20)")
                .hasCause(root);
    }

    @Test
    @DisplayName("an assertion failure outside a job is left as it is")
    void otherFailuresUntouched() {
        assertThat(SurfaceRootCause.jobRootCause(
                        new AssertionError("expected 3"), getClass().getClassLoader()))
                .isEmpty();
    }
}
