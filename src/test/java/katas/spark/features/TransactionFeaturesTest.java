package katas.spark.features;

import static org.apache.spark.sql.functions.avg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SparkSql;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@Tag("feature-engineering")
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one instance, so that the forest is trained once per run
class TransactionFeaturesTest {

    private static final long SEED = 42;
    /** Measured on this seed's test split: 0.956 with the reference. */
    private static final double ACCURACY_AT_LEAST = 0.90;

    @TempDir
    Path temp;

    private Dataset<Row> rows(Object[]... rows) {
        return SparkSql.session()
                .createDataFrame(
                        Arrays.stream(rows).map(RowFactory::create).toList(), TransactionFeatures.TRANSACTIONS);
    }

    private Dataset<Row> features;
    private TransactionFeatures.Trained trained;

    private TransactionFeatures.Trained trained() {
        if (trained == null) {
            features = TransactionFeatures.withFeatures(
                    TransactionFeatures.clean(TransactionFeatures.transactions(SparkSql.session(), 2_000, SEED)));
            trained = TransactionFeatures.trainAndEvaluate(features, SEED);
        }
        return trained;
    }

    private static StandardScalerModel scalerOf(PipelineModel model) {
        Transformer[] stages = model.stages();
        return Arrays.stream(stages)
                .filter(StandardScalerModel.class::isInstance)
                .map(StandardScalerModel.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no StandardScaler among the stages " + Arrays.toString(stages)));
    }

    @Test
    @Order(1)
    @DisplayName("rows without a userId or an amount are dropped; a missing category is kept")
    void cleanDropsRowsMissingEssentials() {
        Dataset<Row> cleaned = TransactionFeatures.clean(rows(
                new Object[] {"u1", 10.0, "A", 0.0},
                new Object[] {null, 20.0, "B", 0.0},
                new Object[] {"u3", null, "C", 0.0},
                new Object[] {"u4", 40.0, null, 1.0}));

        assertThat(cleaned.collectAsList()).extracting(row -> row.getString(0)).containsExactlyInAnyOrder("u1", "u4");
    }

    @Test
    @Order(2)
    @DisplayName("isHighValue is 1 only above 1000, and each category gets its score, 0 for any other or none")
    void featuresFromAmountAndCategory() {
        List<Row> derived = TransactionFeatures.withFeatures(rows(
                        new Object[] {"u1", 1000.0, "A", 0.0},
                        new Object[] {"u2", 1000.01, "B", 0.0},
                        new Object[] {"u3", 5.0, "C", 0.0},
                        new Object[] {"u4", 5.0, "D", 0.0},
                        new Object[] {"u5", 5.0, null, 0.0}))
                .select("userId", "isHighValue", "categoryScore")
                .collectAsList();

        assertThat(derived)
                .extracting(Row::toString)
                .as("userId, isHighValue, categoryScore (a null category must not crash the UDF)")
                .containsExactlyInAnyOrder("[u1,0,1.0]", "[u2,1,2.0]", "[u3,0,3.0]", "[u4,0,0.0]", "[u5,0,0.0]");
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("the scaler learns its mean from the training split only, so the test split stays unseen")
    void scalerFittedOnTrainingDataOnly() {
        StandardScalerModel scaler = scalerOf(trained().model());
        Dataset<Row>[] parts = features.randomSplit(new double[] {0.8, 0.2}, SEED);
        double trainMean = parts[0].agg(avg("amount")).first().getDouble(0);
        double allMean = features.agg(avg("amount")).first().getDouble(0);

        assertThat(Math.abs(trainMean - allMean))
                .as("the data can tell the two apart")
                .isGreaterThan(1e-3);
        assertThat(scaler.getWithMean() && scaler.getWithStd())
                .as("scaled to mean 0 and standard deviation 1")
                .isTrue();
        assertThat(scaler.mean().apply(0))
                .as("the scaler's mean amount: fit the scaler in the pipeline, on the training split")
                .isCloseTo(trainMean, within(1e-6));
    }

    @Test
    @Order(4)
    @DisplayName("the forest is accurate on the test split")
    void accurateOnTheTestSplit() {
        assertThat(trained().accuracy()).isGreaterThanOrEqualTo(ACCURACY_AT_LEAST);
    }

    @Test
    @Lesson
    @Order(5)
    @DisplayName("the model saved and loaded back gives the same predictions")
    void savedModelPredictsTheSame() throws Exception {
        PipelineModel loaded = TransactionFeatures.saveAndLoad(
                trained().model(), temp.resolve("rf_model_v1").toString());

        List<Row> before =
                trained().model().transform(features).select("prediction").collectAsList();
        List<Row> after = loaded.transform(features).select("prediction").collectAsList();
        assertThat(after).as("predictions of the loaded model").isEqualTo(before);
        assertThat(temp.resolve("rf_model_v1/metadata"))
                .as("a saved pipeline's metadata")
                .isDirectory();
    }

    @Test
    @Order(6)
    @DisplayName("main prints the schema, the statistics, predictions and the accuracy")
    void mainPrintsAccuracy() throws Exception {
        String printed = Output.capture(() -> TransactionFeatures.main(new String[0]));

        assertThat(printed)
                .contains(
                        " |-- amount: double (nullable = true)",
                        "|summary|",
                        "|label|prediction|",
                        "Saved and loaded back: 3 stages")
                .containsPattern("Test Accuracy = 0\\.\\d{3}");
    }
}
