package katas.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.transformations.KeyedBroadcastStateTransformation;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.transformations.TwoInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Operator test harnesses with event time driven by the test. Every harness is opened here and must be
 * closed by the test (try-with-resources): an open harness leaks threads. Each one gets the user code's
 * own class loader, so that classes reloaded after an edit are the ones that run.
 */
public final class FlinkHarnesses {

    private FlinkHarnesses() {}

    /** An opened keyed harness around a {@link KeyedProcessFunction}. */
    public static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> keyedProcess(
            KeyedProcessFunction<K, IN, OUT> function, KeySelector<IN, K> keys, TypeInformation<K> keyType)
            throws Exception {
        return keyedProcessRestored(function, keys, keyType, null);
    }

    /**
     * An opened keyed harness around a {@link KeyedProcessFunction} whose state is restored from
     * {@code snapshot} (taken with {@code harness.snapshot(checkpointId, timestamp)}), as after a failure.
     */
    public static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> keyedProcessRestored(
            KeyedProcessFunction<K, IN, OUT> function,
            KeySelector<IN, K> keys,
            TypeInformation<K> keyType,
            OperatorSubtaskState snapshot)
            throws Exception {
        return open(
                new KeyedProcessOperator<>(function),
                keys,
                keyType,
                function.getClass().getClassLoader(),
                snapshot);
    }

    /**
     * An opened keyed harness around a {@link KeyedProcessFunction} running as subtask {@code subtask} of
     * {@code parallelism} (key groups: {@code maxParallelism}), restored from {@code snapshot} when it is not
     * null. To restore at another parallelism, give each subtask its share of a snapshot, as
     * {@code AbstractStreamOperatorTestHarness.repartitionOperatorState} cuts it.
     */
    public static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> keyedProcessSubtask(
            KeyedProcessFunction<K, IN, OUT> function,
            KeySelector<IN, K> keys,
            TypeInformation<K> keyType,
            int maxParallelism,
            int parallelism,
            int subtask,
            OperatorSubtaskState snapshot)
            throws Exception {
        return open(
                new KeyedProcessOperator<>(function),
                keys,
                keyType,
                function.getClass().getClassLoader(),
                snapshot,
                new MockEnvironmentBuilder()
                        .setMaxParallelism(maxParallelism)
                        .setParallelism(parallelism)
                        .setSubtaskIndex(subtask));
    }

    /**
     * An opened keyed harness around the operator that produced {@code stream}, such as the window operator
     * of {@code keyBy(...).window(...).aggregate(...)}. Fails with a learner-facing message when that
     * operator is not keyed.
     */
    public static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> keyedOperatorOf(
            DataStream<OUT> stream) throws Exception {
        return keyedOperatorRestored(stream, null);
    }

    /**
     * As {@link #keyedOperatorOf}, with the operator's state restored from {@code snapshot} (taken with
     * {@code harness.snapshot(checkpointId, timestamp)} from a harness around the same pipeline), as after
     * a failure. Build {@code stream} anew for each harness: an operator instance runs once.
     */
    @SuppressWarnings("unchecked")
    public static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> keyedOperatorRestored(
            DataStream<OUT> stream, OperatorSubtaskState snapshot) throws Exception {
        if (!(stream.getTransformation() instanceof OneInputTransformation<?, ?> transformation)
                || transformation.getStateKeySelector() == null) {
            throw new AssertionError(
                    "expected the stream returned by a keyed operator (keyBy(...).window(...).aggregate(...)"
                            + " or .process(...)), got the output of "
                            + stream.getTransformation().getName()
                            + ": the tests drive that operator itself, so return its output with nothing after it");
        }
        KeySelector<IN, K> keys = (KeySelector<IN, K>) transformation.getStateKeySelector();
        return open(
                (OneInputStreamOperator<IN, OUT>) transformation.getOperator(),
                keys,
                (TypeInformation<K>) transformation.getStateKeyType(),
                keys.getClass().getClassLoader(),
                snapshot);
    }

    /**
     * An opened harness around the keyed two-input operator that produced {@code stream}: a keyed stream
     * connected to a broadcast stream and processed ({@code keyBy(...).connect(broadcast).process(...)}), or
     * two keyed streams connected and processed. The first input is the keyed one. Fails with a
     * learner-facing message for any other operator.
     */
    public static <K, IN1, IN2, OUT> KeyedTwoInputHarness<K, IN1, IN2, OUT> keyedTwoInputOf(DataStream<OUT> stream)
            throws Exception {
        return keyedTwoInputRestored(stream, null);
    }

    /**
     * As {@link #keyedTwoInputOf}, with the operator's state (keyed and broadcast) restored from
     * {@code snapshot}, as after a failure. Build {@code stream} anew for each harness: an operator instance
     * runs once.
     */
    @SuppressWarnings("unchecked")
    public static <K, IN1, IN2, OUT> KeyedTwoInputHarness<K, IN1, IN2, OUT> keyedTwoInputRestored(
            DataStream<OUT> stream, OperatorSubtaskState snapshot) throws Exception {
        TwoInputStreamOperator<IN1, IN2, OUT> operator;
        KeySelector<IN1, K> keys1;
        KeySelector<IN2, K> keys2;
        TypeInformation<K> keyType;
        if (stream.getTransformation() instanceof KeyedBroadcastStateTransformation<?, ?, ?, ?> broadcast) {
            var keyed = (KeyedBroadcastStateTransformation<K, IN1, IN2, OUT>) broadcast;
            operator =
                    new CoBroadcastWithKeyedOperator<>(keyed.getUserFunction(), keyed.getBroadcastStateDescriptors());
            keys1 = keyed.getKeySelector();
            keys2 = null;
            keyType = keyed.getStateKeyType();
        } else if (stream.getTransformation() instanceof TwoInputTransformation<?, ?, ?> two
                && two.getStateKeySelector1() != null
                && two.getStateKeySelector2() != null) {
            operator = (TwoInputStreamOperator<IN1, IN2, OUT>) two.getOperator();
            keys1 = (KeySelector<IN1, K>) two.getStateKeySelector1();
            keys2 = (KeySelector<IN2, K>) two.getStateKeySelector2();
            keyType = (TypeInformation<K>) two.getStateKeyType();
        } else {
            throw new AssertionError("expected the stream returned by a keyed stream connected to a second stream and"
                    + " processed (keyBy(...).connect(...).process(...)), got the output of "
                    + stream.getTransformation().getName()
                    + ": the tests drive that operator itself, so return its output with nothing after it");
        }
        ExecutionConfig config = new ExecutionConfig();
        ClassLoader userCode = keys1.getClass().getClassLoader();
        config.configure(SharedMiniCluster.noGenericTypes(), userCode);
        MockEnvironment environment = new MockEnvironmentBuilder()
                .setUserCodeClassLoader(userCode)
                .setExecutionConfig(config)
                .build();
        var harness = new KeyedTwoInputHarness<>(operator, keys1, keys2, keyType, environment);
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
        return harness;
    }

    /** The descriptors of the operator state that the operator producing {@code stream} broadcasts, if any. */
    public static List<MapStateDescriptor<?, ?>> broadcastStateOf(DataStream<?> stream) {
        return stream.getTransformation() instanceof KeyedBroadcastStateTransformation<?, ?, ?, ?> broadcast
                ? broadcast.getBroadcastStateDescriptors()
                : List.of();
    }

    private static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> open(
            OneInputStreamOperator<IN, OUT> operator,
            KeySelector<IN, K> keys,
            TypeInformation<K> keyType,
            ClassLoader userCode,
            OperatorSubtaskState snapshot)
            throws Exception {
        return open(operator, keys, keyType, userCode, snapshot, new MockEnvironmentBuilder());
    }

    private static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> open(
            OneInputStreamOperator<IN, OUT> operator,
            KeySelector<IN, K> keys,
            TypeInformation<K> keyType,
            ClassLoader userCode,
            OperatorSubtaskState snapshot,
            MockEnvironmentBuilder environmentBuilder)
            throws Exception {
        ExecutionConfig config = new ExecutionConfig();
        config.configure(SharedMiniCluster.noGenericTypes(), userCode);
        MockEnvironment environment = environmentBuilder
                .setUserCodeClassLoader(userCode)
                .setExecutionConfig(config)
                .build();
        var harness = new EnvironmentClosingHarness<>(operator, keys, keyType, environment);
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
        return harness;
    }

    /** The harness's constructor with an environment leaves that environment open; this one closes it. */
    private static final class EnvironmentClosingHarness<K, IN, OUT>
            extends KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> {
        private final MockEnvironment environment;

        EnvironmentClosingHarness(
                OneInputStreamOperator<IN, OUT> operator,
                KeySelector<IN, K> keys,
                TypeInformation<K> keyType,
                MockEnvironment environment)
                throws Exception {
            super(operator, keys, keyType, environment);
            this.environment = environment;
        }

        @Override
        public void close() throws Exception {
            try {
                super.close();
            } finally {
                environment.close();
            }
        }
    }

    /** The timestamp the strategy's assigner gives {@code event}. */
    public static <T> long timestampOf(WatermarkStrategy<T> strategy, T event) {
        TimestampAssigner<T> assigner = strategy.createTimestampAssigner(FlinkHarnesses::metricGroup);
        return assigner.extractTimestamp(event, Long.MIN_VALUE);
    }

    /**
     * The watermarks the strategy's generator emits while it sees {@code events} in order, with one
     * periodic emit after each event (as if the auto-watermark interval passed between events).
     */
    public static <T> List<Long> watermarksAfterEachEvent(WatermarkStrategy<T> strategy, List<T> events) {
        ManualClock clock = new ManualClock();
        WatermarkGenerator<T> generator = strategy.createWatermarkGenerator(contextWith(clock));
        List<Long> emitted = new ArrayList<>();
        WatermarkOutput output = new WatermarkOutput() {
            @Override
            public void emitWatermark(Watermark watermark) {
                emitted.add(watermark.getTimestamp());
            }

            @Override
            public void markIdle() {}

            @Override
            public void markActive() {}
        };
        List<Long> afterEach = new ArrayList<>();
        for (T event : events) {
            generator.onEvent(event, timestampOf(strategy, event), output);
            generator.onPeriodicEmit(output);
            afterEach.add(emitted.isEmpty() ? Long.MIN_VALUE : emitted.get(emitted.size() - 1));
        }
        return afterEach;
    }

    /**
     * Whether the strategy marks its input idle after it has seen {@code event} and then nothing for
     * {@code silence}, with periodic emits before and after the silence (the input's clock is a manual one).
     */
    public static <T> boolean idleAfterSilence(WatermarkStrategy<T> strategy, T event, Duration silence) {
        ManualClock clock = new ManualClock(1); // an idleness timer reads 0 as "not started"
        WatermarkGenerator<T> generator = strategy.createWatermarkGenerator(contextWith(clock));
        AtomicBoolean idle = new AtomicBoolean();
        WatermarkOutput output = new WatermarkOutput() {
            @Override
            public void emitWatermark(Watermark watermark) {
                idle.set(false);
            }

            @Override
            public void markIdle() {
                idle.set(true);
            }

            @Override
            public void markActive() {
                idle.set(false);
            }
        };
        generator.onEvent(event, timestampOf(strategy, event), output);
        generator.onPeriodicEmit(output); // sees the event
        generator.onPeriodicEmit(output); // sees no new event: the silence starts
        clock.advanceTime(silence);
        generator.onPeriodicEmit(output);
        return idle.get();
    }

    private static WatermarkGeneratorSupplier.Context contextWith(RelativeClock clock) {
        return new WatermarkGeneratorSupplier.Context() {
            @Override
            public MetricGroup getMetricGroup() {
                return metricGroup();
            }

            @Override
            public RelativeClock getInputActivityClock() {
                return clock;
            }
        };
    }

    private static MetricGroup metricGroup() {
        return new UnregisteredMetricsGroup();
    }
}
