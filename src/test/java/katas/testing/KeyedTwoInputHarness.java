package katas.testing;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.io.RecordProcessorUtils;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/**
 * Flink's {@code KeyedTwoInputStreamOperatorTestHarness}, built on an environment of the caller's (Flink's
 * own cannot take one): the environment carries the user code's class loader, so that the key selectors,
 * serialized into the operator's configuration, come back as the classes of the code under test. Either
 * key selector may be null: the second is for a broadcast input, which has no key.
 */
public final class KeyedTwoInputHarness<K, IN1, IN2, OUT> extends AbstractStreamOperatorTestHarness<OUT> {

    private final TwoInputStreamOperator<IN1, IN2, OUT> twoInputOperator;
    private final MockEnvironment environment;

    KeyedTwoInputHarness(
            TwoInputStreamOperator<IN1, IN2, OUT> operator,
            KeySelector<IN1, K> keys1,
            KeySelector<IN2, K> keys2,
            TypeInformation<K> keyType,
            MockEnvironment environment)
            throws Exception {
        super(operator, environment);
        this.twoInputOperator = operator;
        this.environment = environment;
        config.setStatePartitioner(0, keys1);
        config.setStatePartitioner(1, keys2);
        config.setStateKeySerializer(keyType.createSerializer(executionConfig.getSerializerConfig()));
        config.serializeAllConfigs();
    }

    /** An element of the first input, keyed by the first key selector. */
    public void processElement1(IN1 value, long timestamp) throws Exception {
        RecordProcessorUtils.getRecordProcessor1(twoInputOperator).accept(new StreamRecord<>(value, timestamp));
    }

    /** An element of the second input. */
    public void processElement2(IN2 value, long timestamp) throws Exception {
        RecordProcessorUtils.getRecordProcessor2(twoInputOperator).accept(new StreamRecord<>(value, timestamp));
    }

    /** The entries of the operator's keyed state, over all keys. */
    public int numKeyedStateEntries() {
        if (getOperator().getKeyedStateBackend() instanceof HeapKeyedStateBackend<?> heap) {
            return heap.numKeyValueStateEntries();
        }
        throw new UnsupportedOperationException("keyed state entries are counted on the heap backend only");
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
