package katas.spark.ml;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.SparkSql;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("ml-pipeline")
class UserFeaturesPipelineTest {

    private static final long SEED = 42;
    /** Measured on this seed's test data: 0.927 with the reference, 0.802 for a forest that ignores the category. */
    private static final double ACCURACY_AT_LEAST = 0.88;

    @TempDir
    Path temp;

    /** The guide's user_features.parquet: 2,000 generated users, written and read back. */
    private Dataset<Row> userFeaturesParquet() {
        String path = temp.resolve("user_features.parquet").toString();
        UserFeaturesPipeline.userFeatures(SparkSql.session(), 2_000, SEED)
                .coalesce(1)
                .write()
                .parquet(path);
        return SparkSql.session().read().parquet(path);
    }

    private static double accuracyOf(PipelineModel model, Dataset<Row> data) {
        Dataset<Row> predicted = model.transform(data);
        return (double) predicted
                        .filter(col("label").cast("double").equalTo(col("prediction")))
                        .count()
                / predicted.count();
    }

    @Test
    @Order(1)
    @DisplayName(
            "the fitted pipeline predicts a label for every user, one of a category never seen in training included")
    void predictsUnseenCategories() {
        PipelineModel model = UserFeaturesPipeline.pipeline(5, SEED)
                .fit(UserFeaturesPipeline.userFeatures(SparkSql.session(), 200, SEED));
        Dataset<Row> users = SparkSql.session()
                .createDataFrame(
                        List.of(
                                RowFactory.create("seen", 3.5, 3.5, "A", 1),
                                RowFactory.create("unseen", 3.5, 3.5, "Z", 1)),
                        UserFeaturesPipeline.USER_FEATURES);

        List<Row> predicted =
                model.transform(users).select("userId", "prediction").collectAsList();

        assertThat(predicted)
                .as("a prediction per user; category Z needs StringIndexer.setHandleInvalid(\"keep\")")
                .extracting(row -> row.getDouble(1))
                .hasSize(2)
                .allMatch(prediction -> prediction == 0.0 || prediction == 1.0);
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("the data is split 80/20 with the seed, and both sides are cached for the passes to come")
    void splitCachesBothSides() {
        UserFeaturesPipeline.Split split =
                UserFeaturesPipeline.split(UserFeaturesPipeline.userFeatures(SparkSql.session(), 2_000, SEED), SEED);
        try {
            assertThat(split.train().storageLevel().useMemory())
                    .as("train cached (cache() or persist())")
                    .isTrue();
            assertThat(split.test().storageLevel().useMemory())
                    .as("test cached")
                    .isTrue();
            assertThat((double) split.train().count()).as("rows to train on").isCloseTo(1_600, within(80.0));
            assertThat(split.train().count() + split.test().count())
                    .as("rows in both sides")
                    .isEqualTo(2_000);
        } finally {
            split.train().unpersist();
            split.test().unpersist();
        }
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName("fitted on the training data, the model is accurate on the test data, and nothing stays cached")
    void fitsAndEvaluatesOnTheTestData() {
        UserFeaturesPipeline.Split split = UserFeaturesPipeline.split(userFeaturesParquet(), SEED);

        UserFeaturesPipeline.Evaluated evaluated =
                UserFeaturesPipeline.fitAndEvaluate(UserFeaturesPipeline.pipeline(20, SEED), split);

        assertThat(split.train().storageLevel())
                .as("train after fitting: unpersisted")
                .isEqualTo(StorageLevel.NONE());
        assertThat(split.test().storageLevel())
                .as("test after fitting: unpersisted")
                .isEqualTo(StorageLevel.NONE());
        assertThat(evaluated.accuracy())
                .as("the accuracy returned is the model's on the test data, not the training data")
                .isCloseTo(accuracyOf(evaluated.model(), split.test()), within(1e-9));
        assertThat(evaluated.accuracy())
                .as("accuracy on the test data (a label that depends on all three features)")
                .isGreaterThanOrEqualTo(ACCURACY_AT_LEAST);
    }

    @Test
    @Order(4)
    @DisplayName("main prints predictions and the accuracy")
    void mainPrintsAccuracy() throws Exception {
        String printed = Output.capture(() -> UserFeaturesPipeline.main(new String[0]));

        assertThat(printed).contains("|label|prediction|").containsPattern("Accuracy on the test data: 0\\.9\\d\\d");
    }
}
