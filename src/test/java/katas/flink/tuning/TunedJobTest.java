package katas.flink.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import katas.domain.Click;
import katas.support.Fixtures;
import katas.testing.FlinkHarnesses;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SharedMiniCluster;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.jobmanager.scheduler.NoResourceAvailableException;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("flink-tuning")
@ExtendWith(SharedMiniCluster.class)
class TunedJobTest {

    @Test
    @Lesson
    @Order(1)
    @DisplayName("the configuration holds the guide's settings, with Flink 2's option keys")
    void tuningConfiguration() {
        Configuration tuning = TunedJob.tuning(4);

        assertThat(tuning.get(StateBackendOptions.STATE_BACKEND))
                .as(StateBackendOptions.STATE_BACKEND.key())
                .isEqualTo("rocksdb");
        assertThat(tuning.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .as(CheckpointingOptions.CHECKPOINTING_INTERVAL.key())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(tuning.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT))
                .as(CheckpointingOptions.CHECKPOINTING_TIMEOUT.key())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(tuning.get(ExecutionConfigOptions.TABLE_EXEC_SOURCE_IDLE_TIMEOUT))
                .as(ExecutionConfigOptions.TABLE_EXEC_SOURCE_IDLE_TIMEOUT.key())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(List.of(4, 3, 1))
                .as(CoreOptions.DEFAULT_PARALLELISM.key() + " for 4, 3 and 1 cores: cores x 1.5, rounded up")
                .map(cores -> TunedJob.tuning(cores).get(CoreOptions.DEFAULT_PARALLELISM))
                .containsExactly(6, 5, 2);
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("an environment built from the configuration checkpoints and keeps state as it says")
    void effectiveSettings() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(TunedJob.tuning(2));

        assertThat(env.getConfiguration().get(StateBackendOptions.STATE_BACKEND))
                .isEqualTo("rocksdb");
        assertThat(env.getCheckpointConfig().isCheckpointingEnabled()).isTrue();
        assertThat(env.getCheckpointInterval()).isEqualTo(Duration.ofMinutes(2).toMillis());
        assertThat(env.getCheckpointConfig().getCheckpointTimeout())
                .isEqualTo(Duration.ofMinutes(10).toMillis());
        assertThat(StreamTableEnvironment.create(env)
                        .getConfig()
                        .get(ExecutionConfigOptions.TABLE_EXEC_SOURCE_IDLE_TIMEOUT))
                .as("the SQL sources' idle timeout, as a table environment on this environment sees it")
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("the watermarks trail the newest click by 5 s, and a split silent for more than 1 s goes idle")
    void idleSources() {
        Click click = Fixtures.clicks().get(0);

        assertThat(FlinkHarnesses.watermarksAfterEachEvent(TunedJob.watermarks(), List.of(click)))
                .containsExactly(click.timestamp() - 5_000 - 1);
        assertThat(FlinkHarnesses.idleAfterSilence(TunedJob.watermarks(), click, Duration.ofSeconds(1)))
                .as("idle after exactly 1 s of silence")
                .isFalse();
        assertThat(FlinkHarnesses.idleAfterSilence(TunedJob.watermarks(), click, Duration.ofMillis(1_001)))
                .as("idle after 1.001 s of silence: withIdleness(IDLE_TIMEOUT)")
                .isTrue();
    }

    /** Reports the keyed state backend it runs on, and counts the clicks of its key in that backend. */
    static final class StateBackendProbe extends AbstractStreamOperator<String>
            implements OneInputStreamOperator<Click, String> {
        @Override
        public void processElement(StreamRecord<Click> element) throws Exception {
            ValueState<Long> count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
            long next = count.value() == null ? 1 : count.value() + 1;
            count.update(next);
            output.collect(new StreamRecord<>(getKeyedStateBackend().getClass().getSimpleName() + " "
                    + element.getValue().page() + " " + next));
        }
    }

    @Test
    @Lesson
    @Order(4)
    @DisplayName("a job on this configuration keeps its keyed state in RocksDB")
    void keyedStateInRocksDb() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(TunedJob.tuning(2));
        List<String> reports = new ArrayList<>();
        try (CloseableIterator<String> results = env.fromData(Fixtures.clicks())
                .keyBy(Click::page)
                .transform("state backend probe", Types.STRING, new StateBackendProbe())
                .executeAndCollect()) {
            results.forEachRemaining(reports::add);
        }

        assertThat(reports)
                .as("the keyed state backend of each record's operator, the page and its count")
                .containsExactlyInAnyOrder(
                        "RocksDBKeyedStateBackend home 1",
                        "RocksDBKeyedStateBackend products 1",
                        "RocksDBKeyedStateBackend checkout 1",
                        "RocksDBKeyedStateBackend home 2",
                        "RocksDBKeyedStateBackend home 3",
                        "RocksDBKeyedStateBackend home 4");
    }

    /** The number of parallel subtasks each click's map ran in, on a cluster of two slots. */
    private static List<Integer> subtaskCounts(Configuration cluster, Configuration job) throws Exception {
        try (var running = SharedMiniCluster.RunningCluster.start(cluster)) {
            StreamExecutionEnvironment env = new TestStreamEnvironment(
                    running.cluster(), job, job.get(CoreOptions.DEFAULT_PARALLELISM), List.of(), List.of());
            List<Integer> counts = new ArrayList<>();
            try (CloseableIterator<Integer> results = env.fromData(Fixtures.clicks())
                    .map(new RichMapFunction<Click, Integer>() {
                        @Override
                        public Integer map(Click click) {
                            return getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
                        }
                    })
                    .executeAndCollect()) {
                results.forEachRemaining(counts::add);
            }
            return counts;
        }
    }

    @Test
    @Order(5)
    @DisplayName("cores x 1.5 needs as many free slots: with fewer, the job is never scheduled")
    void parallelismAboveTheFreeSlots() throws Exception {
        Configuration job = TunedJob.tuning(2);
        // With checkpointing on, Flink's default restart strategy retries a failed job again and again.
        job.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        assertThat(job.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(3);
        Configuration defaultScheduler = new Configuration();
        // Flink waits 5 minutes (slot.request.timeout) for slots that a fixed cluster never gets.
        assertThat(JobManagerOptions.SLOT_REQUEST_TIMEOUT.defaultValue()).isEqualTo(Duration.ofMinutes(5));
        defaultScheduler.set(JobManagerOptions.SLOT_REQUEST_TIMEOUT, Duration.ofSeconds(1));

        assertThatThrownBy(() -> subtaskCounts(defaultScheduler, job))
                .as("3 subtasks of one slot-sharing group on a cluster of %d slots", SharedMiniCluster.PARALLELISM)
                .hasRootCauseInstanceOf(NoResourceAvailableException.class);

        Configuration adaptive = new Configuration();
        adaptive.set(JobManagerOptions.SCHEDULER, JobManagerOptions.SchedulerType.Adaptive);
        adaptive.set(JobManagerOptions.SCHEDULER_SUBMISSION_RESOURCE_WAIT_TIMEOUT, Duration.ofSeconds(1));
        assertThat(subtaskCounts(adaptive, job))
                .as("the adaptive scheduler runs the job with the slots there are")
                .hasSize(Fixtures.clicks().size())
                .containsOnly(SharedMiniCluster.PARALLELISM);
    }

    @Test
    @Order(6)
    @DisplayName("main prints the settings and the running counts")
    void mainPrintsSettings() throws Exception {
        String printed = Output.capture(() -> TunedJob.main(new String[0]));

        assertThat(printed)
                .contains("state backend: rocksdb")
                .contains("checkpoints every 120000 ms, timeout 600000 ms")
                .contains("home: 4 clicks so far");
    }
}
