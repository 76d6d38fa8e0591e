package katas.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.ResourceManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.runtime.executiongraph.failover.ExponentialDelayRestartBackoffTimeStrategy;
import org.apache.flink.runtime.executiongraph.failover.NoRestartBackoffTimeStrategy;
import org.apache.flink.runtime.executiongraph.failover.RestartBackoffTimeStrategyFactoryLoader;
import org.apache.flink.runtime.state.CheckpointStorageLoader;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The guide's claims about Flink that a run can settle, each a row of CLAIMS.md. Plans come from
 * {@code explainSql}, which plans without running a job.
 */
@Tag("claim")
class FlinkClaimsTest {

    private static final String JOIN_WITH_BROADCAST_HINT =
            "SELECT /*+ BROADCAST(u) */ c.page, u.country FROM clicks c JOIN users u ON c.userId = u.userId";

    private static TableEnvironment tables(EnvironmentSettings settings) {
        TableEnvironment tables = TableEnvironment.create(settings);
        tables.executeSql("CREATE TABLE clicks (userId STRING, page STRING, clickTime AS PROCTIME())"
                + " WITH ('connector' = 'datagen', 'number-of-rows' = '10')");
        tables.executeSql("CREATE TABLE users (userId STRING, country STRING)"
                + " WITH ('connector' = 'datagen', 'number-of-rows' = '10')");
        return tables;
    }

    /** The plan Flink would run: the part of {@code explainSql} after its last heading. */
    private static String executionPlan(TableEnvironment tables, String query) {
        String explained = tables.explainSql(query);
        return explained.substring(explained.lastIndexOf("== Optimized Execution Plan =="));
    }

    private static boolean readsDeprecated(ConfigOption<?> option, String oldKey) {
        for (FallbackKey key : option.fallbackKeys()) {
            if (key.getKey().equals(oldKey)) {
                return key.isDeprecated();
            }
        }
        return false;
    }

    @Test
    @DisplayName("4.4: the checkpoint timeout's default is already 10 minutes")
    void checkpointTimeout() {
        assertThat(CheckpointingOptions.CHECKPOINTING_TIMEOUT.key()).isEqualTo("execution.checkpointing.timeout");
        assertThat(CheckpointingOptions.CHECKPOINTING_TIMEOUT.defaultValue()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    @DisplayName(
            "4.4: Flink 2's keys: state.backend.type, taskmanager.memory.network.fraction (0.1); the old keys read as deprecated")
    void renamedKeys() {
        assertThat(StateBackendOptions.STATE_BACKEND.key()).isEqualTo("state.backend.type");
        assertThat(StateBackendOptions.STATE_BACKEND.defaultValue()).isEqualTo("hashmap");
        assertThat(readsDeprecated(StateBackendOptions.STATE_BACKEND, "state.backend"))
                .isTrue();
        assertThat(TaskManagerOptions.NETWORK_MEMORY_FRACTION.key()).isEqualTo("taskmanager.memory.network.fraction");
        assertThat(TaskManagerOptions.NETWORK_MEMORY_FRACTION.defaultValue()).isEqualTo(0.1f);
        assertThat(readsDeprecated(TaskManagerOptions.NETWORK_MEMORY_FRACTION, "taskmanager.network.memory.fraction"))
                .isTrue();
        assertThat(RocksDBOptions.LOCAL_DIRECTORIES.key()).isEqualTo("state.backend.rocksdb.localdir");
    }

    @Test
    @DisplayName("4.4: the source idle timeout is off by default; it marks a silent source idle for watermarks")
    void idleTimeout() {
        assertThat(ExecutionConfigOptions.TABLE_EXEC_SOURCE_IDLE_TIMEOUT.key())
                .isEqualTo("table.exec.source.idle-timeout");
        assertThat(ExecutionConfigOptions.TABLE_EXEC_SOURCE_IDLE_TIMEOUT.defaultValue())
                .isEqualTo(Duration.ZERO);
        assertThat(new HtmlFormatter().format(ExecutionConfigOptions.TABLE_EXEC_SOURCE_IDLE_TIMEOUT.description()))
                .contains("idle")
                .contains("watermark");
    }

    @Test
    @DisplayName("part 5: Flink sends a record on when its network buffer fills or after 100 ms by default")
    void bufferTimeout() {
        assertThat(ExecutionOptions.BUFFER_TIMEOUT.key()).isEqualTo("execution.buffer-timeout.interval");
        assertThat(ExecutionOptions.BUFFER_TIMEOUT.defaultValue()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    @DisplayName("part 7: the Table API's BROADCAST hint broadcasts the small side of a batch join")
    void broadcastHintInBatch() {
        String plan = executionPlan(tables(EnvironmentSettings.inBatchMode()), JOIN_WITH_BROADCAST_HINT);

        assertThat(plan).contains("isBroadcast=[true]").contains("Exchange(distribution=[broadcast])");
    }

    @Test
    @DisplayName("part 7: on a stream the BROADCAST hint is ignored: both sides are hash-partitioned by the key")
    void broadcastHintIgnoredOnAStream() {
        String plan = executionPlan(tables(EnvironmentSettings.inStreamingMode()), JOIN_WITH_BROADCAST_HINT);

        assertThat(plan).doesNotContain("broadcast").contains("Exchange(distribution=[hash[userId]])");
    }

    @Test
    @DisplayName("part 5: Flink SQL plans complex event patterns (MATCH_RECOGNIZE, on FlinkCEP)")
    void matchRecognize() {
        String plan = executionPlan(
                tables(EnvironmentSettings.inStreamingMode()),
                "SELECT * FROM clicks MATCH_RECOGNIZE (PARTITION BY userId ORDER BY clickTime"
                        + " MEASURES A.page AS firstPage PATTERN (A B) DEFINE A AS A.page = 'home', B AS B.page = 'cart')");

        assertThat(plan).contains("Match(");
    }

    @Test
    @DisplayName("4.1: a TaskManager has one task slot unless taskmanager.numberOfTaskSlots gives it more")
    void oneSlotPerTaskManager() {
        assertThat(TaskManagerOptions.NUM_TASK_SLOTS.key()).isEqualTo("taskmanager.numberOfTaskSlots");
        assertThat(TaskManagerOptions.NUM_TASK_SLOTS.defaultValue()).isEqualTo(1);
    }

    @Test
    @DisplayName("4.1: the JobManager recovers a job as its restart strategy allows: none set, endless"
            + " exponential-delay restarts with checkpoints on, no restart with them off")
    void defaultRestartStrategy() {
        Configuration nothingSet = new Configuration();
        assertThat(RestartBackoffTimeStrategyFactoryLoader.createRestartBackoffTimeStrategyFactory(
                        nothingSet, nothingSet, true))
                .isInstanceOf(
                        ExponentialDelayRestartBackoffTimeStrategy.ExponentialDelayRestartBackoffTimeStrategyFactory
                                .class);
        assertThat(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS.defaultValue())
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF.defaultValue())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(RestartBackoffTimeStrategyFactoryLoader.createRestartBackoffTimeStrategyFactory(
                        nothingSet, nothingSet, false))
                .isEqualTo(NoRestartBackoffTimeStrategy.NoRestartBackoffTimeStrategyFactory.INSTANCE);
    }

    @Test
    @DisplayName("4.1: checkpoints reach HDFS or S3 only when a checkpoint directory is set; by default the"
            + " JobManager keeps them in its memory, and there is no standby JobManager")
    void checkpointStorage() throws Exception {
        Configuration nothingSet = new Configuration();
        ClassLoader loader = getClass().getClassLoader();
        var log = LoggerFactory.getLogger(FlinkClaimsTest.class);
        assertThat(CheckpointStorageLoader.load(null, new HashMapStateBackend(), nothingSet, nothingSet, loader, log))
                .isInstanceOf(JobManagerCheckpointStorage.class);
        Configuration directory = new Configuration();
        directory.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "s3://bucket/checkpoints");
        assertThat(CheckpointStorageLoader.load(null, new HashMapStateBackend(), directory, nothingSet, loader, log))
                .isInstanceOf(FileSystemCheckpointStorage.class);
        assertThat(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key()).isEqualTo("execution.checkpointing.dir");
        assertThat(HighAvailabilityOptions.HA_MODE.key()).isEqualTo("high-availability.type");
        assertThat(HighAvailabilityOptions.HA_MODE.defaultValue()).isEqualToIgnoringCase("NONE");
    }

    @Test
    @DisplayName("a standalone cluster waits for slots only during its start-up period (slot.request.timeout by"
            + " default); after it, a job that cannot get its slots is refused at once")
    void standaloneStartUpPeriod() {
        assertThat(ResourceManagerOptions.STANDALONE_CLUSTER_STARTUP_PERIOD_TIME.key())
                .isEqualTo("resourcemanager.standalone.start-up-time");
        assertThat(ConfigurationUtils.getStandaloneClusterStartupPeriodTime(new Configuration()))
                .isEqualTo(JobManagerOptions.SLOT_REQUEST_TIMEOUT.defaultValue())
                .isEqualTo(Duration.ofMinutes(5));
        Configuration shortTimeout = new Configuration();
        shortTimeout.set(JobManagerOptions.SLOT_REQUEST_TIMEOUT, Duration.ofSeconds(1));
        assertThat(ConfigurationUtils.getStandaloneClusterStartupPeriodTime(shortTimeout))
                .isEqualTo(Duration.ofSeconds(1));
    }
}
