package katas.testing;

import java.util.Arrays;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;

/** The fitted stages of a pipeline, found by type: a test grades the stage, whatever stands around it. */
public final class PipelineStages {

    private PipelineStages() {}

    /** The first fitted stage of {@code type}, or an assertion error naming the stages there are. */
    public static <T extends Transformer> T stage(PipelineModel model, Class<T> type) {
        Transformer[] stages = model.stages();
        return Arrays.stream(stages)
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no " + type.getSimpleName() + " among the stages " + Arrays.toString(stages)));
    }
}
