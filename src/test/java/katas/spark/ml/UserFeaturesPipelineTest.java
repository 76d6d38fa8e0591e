package katas.spark.ml;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import katas.testing.Lesson;
import katas.testing.Output;
import katas.testing.PipelineStages;
import katas.testing.SourceReads;
import katas.testing.SparkSql;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
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
        if (!temp.resolve("user_features.parquet").toFile().exists()) {
            UserFeaturesPipeline.userFeatures(SparkSql.session(), 2_000, SEED)
                    .coalesce(1)
                    .write()
                    .parquet(path);
        }
        return SparkSql.session().read().parquet(path);
    }

    private static double accuracyOf(PipelineModel model, Dataset<Row> data) {
        Dataset<Row> predicted = model.transform(data);
        return (double) predicted
                        .filter(col("label").cast("double").equalTo(col("prediction")))
                        .count()
                / predicted.count();
    }

    private static List<String> userIds(Dataset<Row> users) {
        return users.select("userId").as(Encoders.STRING()).collectAsList().stream()
                .sorted()
                .toList();
    }

    private static void unpersist(UserFeaturesPipeline.Split split) {
        split.train().unpersist();
        split.test().unpersist();
    }

    private static List<String> usersToTrainOn(Dataset<Row> users, long seed) {
        UserFeaturesPipeline.Split split = UserFeaturesPipeline.split(users, seed);
        try {
            return userIds(split.train());
        } finally {
            unpersist(split);
        }
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
        assertThat(PipelineStages.stage(model, RandomForestClassificationModel.class)
                        .trees())
                .as("trees in pipeline(5, seed)'s forest: setNumTrees(numTrees)")
                .hasSize(5);
    }

    @Test
    @Lesson
    @Order(2)
    @DisplayName("the data is split 80/20 with the seed: the same seed gives the same split, another seed another")
    void splitsWithTheSeed() {
        Dataset<Row> users = UserFeaturesPipeline.userFeatures(SparkSql.session(), 2_000, SEED);
        UserFeaturesPipeline.Split first = UserFeaturesPipeline.split(users, SEED);
        List<String> trainedOn;
        try {
            assertThat((double) first.train().count()).as("rows to train on").isCloseTo(1_600, within(80.0));
            assertThat(first.train().count() + first.test().count())
                    .as("rows in both sides")
                    .isEqualTo(2_000);
            trainedOn = userIds(first.train());
        } finally {
            unpersist(first);
        }

        assertThat(usersToTrainOn(users, SEED))
                .as("users to train on, split twice with the same seed: randomSplit(weights, seed)")
                .isEqualTo(trainedOn);
        assertThat(usersToTrainOn(users, 7))
                .as("users to train on with seed 7 and with seed 42: split with the seed given")
                .isNotEqualTo(trainedOn);
    }

    @Test
    @Lesson
    @Order(3)
    @DisplayName(
            "the source is read once for the fit, which sees the training data only, and nothing stays cached after")
    void fitsOnTheTrainingDataReadOnce() {
        // What the cache saves: an uncached fit reads its source again at every pass before the forest
        // persists its own binned copy (6 passes with Spark 3.5.9, at any depth and number of trees).
        SourceReads uncached = SourceReads.of(userFeaturesParquet());
        UserFeaturesPipeline.pipeline(1, SEED).fit(uncached.dataset().randomSplit(new double[] {0.8, 0.2}, SEED)[0]);
        assertThat(uncached.passes())
                .as("passes over the source of an uncached fit (Spark's own passes before the forest's cache)")
                .isGreaterThan(2.0);

        SourceReads reads = SourceReads.of(userFeaturesParquet());
        UserFeaturesPipeline.Split split = UserFeaturesPipeline.split(reads.dataset(), SEED);
        UserFeaturesPipeline.Evaluated evaluated =
                UserFeaturesPipeline.fitAndEvaluate(UserFeaturesPipeline.pipeline(20, SEED), split);
        double passes = reads.passes();

        assertThat(passes)
                .as(
                        "passes over the source while splitting, fitting and evaluating (an uncached fit alone: %.0f):"
                                + " cache the training side so that the fit reads the source once; the evaluation reads"
                                + " the test side once",
                        uncached.passes())
                .isLessThanOrEqualTo(2.0);
        assertThat(split.train().storageLevel())
                .as("train after fitting: unpersisted")
                .isEqualTo(StorageLevel.NONE());
        assertThat(split.test().storageLevel())
                .as("test after fitting: unpersisted")
                .isEqualTo(StorageLevel.NONE());
        RandomForestClassificationModel forest =
                PipelineStages.stage(evaluated.model(), RandomForestClassificationModel.class);
        assertThat(forest.trees()).as("trees in pipeline(20, seed)'s forest").hasSize(20);
        assertThat(forest.summary().predictions().count())
                .as("rows the forest was fitted on: the training side only, never the test rows")
                .isEqualTo(split.train().count());
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
