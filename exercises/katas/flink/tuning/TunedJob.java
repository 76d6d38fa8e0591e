package katas.flink.tuning;

import java.time.Duration;
import katas.domain.Click;
import katas.domain.PageViewCount;
import katas.support.Fixtures;
import katas.support.NotImplementedYet;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.util.CloseableIterator;

/**
 * Guide 4.4, Flink performance tuning: the guide's table as a job's configuration, for a job with large
 * keyed state on a machine with {@code cores} cores.
 *
 * <pre>
 * state backend          rocksdb (state larger than memory)
 * checkpoint interval    2 minutes      checkpoint timeout   10 minutes
 * parallelism            cores × 1.5, rounded up
 * idle sources           1 second, for SQL sources and for the DataStream watermarks
 * </pre>
 *
 * The tests read the settings back from the environment Flink builds, and run keyed state on RocksDB.
 */
public final class TunedJob {

    public static final Duration CHECKPOINT_INTERVAL = Duration.ofMinutes(2);
    public static final Duration CHECKPOINT_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(5);

    private TunedJob() {}

    /** The settings of the table above, as configuration for {@code cores} cores. */
    public static Configuration tuning(int cores) {
        throw new NotImplementedYet();
    }

    /**
     * Event time from the click, watermarks 5 seconds behind the newest click, and a source split that has
     * sent nothing for {@link #IDLE_TIMEOUT} marked idle, so that it does not hold the watermark back.
     */
    public static WatermarkStrategy<Click> watermarks() {
        throw new NotImplementedYet();
    }

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(tuning(cores));
        System.out.println("state backend: " + env.getConfiguration().get(StateBackendOptions.STATE_BACKEND));
        System.out.println("checkpoints every " + env.getCheckpointInterval() + " ms, timeout "
                + env.getCheckpointConfig().getCheckpointTimeout() + " ms");
        DataStream<String> runningCounts = env.fromData(Fixtures.clicks())
                .assignTimestampsAndWatermarks(watermarks())
                .map(click -> new PageViewCount(click.page(), 0, 0, 1))
                .keyBy(PageViewCount::page)
                .reduce((a, b) -> new PageViewCount(a.page(), 0, 0, a.count() + b.count())) // its state is in RocksDB
                .map(count -> count.page() + ": " + count.count() + " clicks so far");
        // Collected by this client, where it runs on a cluster too; print() writes to the TaskManagers' output.
        try (CloseableIterator<String> rows = runningCounts.executeAndCollect("Tuned job")) {
            rows.forEachRemaining(System.out::println);
        }
    }
}
