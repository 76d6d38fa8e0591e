package katas.flink.exactlyonce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import katas.domain.Click;
import katas.support.Fixtures;
import katas.support.ScratchFolder;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Guide 2.6 and 4.1, exactly-once: a running count of clicks per page that survives a failure without
 * counting a click twice or losing one.
 *
 * <p>Part 1: {@link CountPerPage} emits {@code PageCount(page, n)} for the n-th click of each page. A
 * checkpoint saves the source's position and the operator's state together; after a failure, Flink
 * restores both and the source replays what came after the checkpoint. Counts kept anywhere but in Flink
 * state are lost, or counted twice, by that replay.
 *
 * <p>Part 2: the sink must not show what the replay undoes. Records written before a failure and replayed
 * after it would appear twice in a plain append: write them through a sink that commits only what a
 * completed checkpoint covers (transactional), so each {@code PageCount} is committed once.
 *
 * <pre>
 * home, products, home, home   →   PageCount[page=home, count=1], PageCount[page=products, count=1],
 *                                  PageCount[page=home, count=2], PageCount[page=home, count=3]
 * </pre>
 */
public final class ExactlyOnceCounts {

    /** The {@code count}-th click of {@code page}. */
    public record PageCount(String page, long count) {}

    private ExactlyOnceCounts() {}

    /** Part 1: per page (the key), the running number of clicks. */
    public static class CountPerPage extends KeyedProcessFunction<String, Click, PageCount> {

        // @kata:solution
        private transient ValueState<Long> count;
        // @kata:stub
        // The count's state goes here: a field that open() fills.
        // @kata:end

        @Override
        public void open(OpenContext openContext) {
            // @kata:solution
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
            // @kata:stub
            // Get the state that holds this page's count here.
            // @kata:end
        }

        @Override
        public void processElement(Click click, Context ctx, Collector<PageCount> out) throws Exception {
            // @kata:solution
            long next = count.value() == null ? 1 : count.value() + 1;
            count.update(next);
            out.collect(new PageCount(ctx.getCurrentKey(), next));
            // @kata:end
        }
    }

    /**
     * Part 2: an exactly-once checkpoint every {@code interval}, and a restart from the latest one when a task
     * fails (up to three times, without a delay).
     */
    public static void enableCheckpoints(StreamExecutionEnvironment env, Duration interval) {
        // @kata:solution
        env.enableCheckpointing(interval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ZERO);
        env.configure(restarts);
        // @kata:end
    }

    /** Part 1: the running count of each page's clicks, by {@link CountPerPage}. */
    public static SingleOutputStreamOperator<PageCount> countPerPage(DataStream<Click> clicks) {
        // @kata:solution
        return clicks.keyBy(Click::page).process(new CountPerPage());
        // @kata:end
    }

    /**
     * Part 2: the counts written as lines ({@code PageCount[page=home, count=1]}) into files under
     * {@code folder}, committed only when a checkpoint completes.
     */
    public static void writeCommitted(DataStream<PageCount> counts, Path folder) {
        // @kata:solution
        counts.map(PageCount::toString)
                .sinkTo(FileSink.forRowFormat(
                                new org.apache.flink.core.fs.Path(folder.toUri()), new SimpleStringEncoder<String>())
                        .build());
        // @kata:end
    }

    /** The lines of the files a file sink committed under {@code folder} (in-progress files are hidden). */
    public static List<String> committedLines(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .flatMap(file -> {
                        try {
                            return Files.readAllLines(file).stream();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sink's files under " + folder, e);
        }
    }

    public static void main(String[] args) throws Exception {
        try (ScratchFolder output = ScratchFolder.create("exactly-once-")) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            enableCheckpoints(env, Duration.ofSeconds(1));
            writeCommitted(countPerPage(env.fromData(Fixtures.clicks())), output.path());
            env.execute("Exactly-once counts");
            committedLines(output.path()).forEach(System.out::println);
        }
    }
}
