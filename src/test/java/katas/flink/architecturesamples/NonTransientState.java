package katas.flink.architecturesamples;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Breaks a rule on purpose: a state handle in a non-transient field. Only ArchitectureTest uses it. */
public class NonTransientState extends KeyedProcessFunction<String, String, String> {
    private ValueState<String> last;

    @Override
    public void processElement(String value, Context ctx, Collector<String> out) throws Exception {
        last.update(value);
    }
}
