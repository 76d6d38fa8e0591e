package katas.spark.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import katas.support.LocalSpark;
import katas.support.NotImplementedYet;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Guide 3.3 ex.5, an ML pipeline with caching: predict a user's label from two numeric features and a
 * category with a random forest, the category indexed and the features assembled into one vector, all in
 * one {@code Pipeline}.
 *
 * <pre>
 * user_features.parquet
 * | userId | feature1 | feature2 | category | label |
 * | u1     | 0.5      | 1.2      | A        | 1     |
 * | u2     | 1.3      | 0.8      | B        | 0     |
 * | ...    (generated: {@link #userFeatures}, the label really depends on the features)
 * </pre>
 *
 * Fitting the pipeline reads the training data six times (the indexer's category counts, the number of
 * classes, the forest's metadata and split sampling, the binning) before the forest persists its own binned
 * copy for the passes per tree level: cache the training side so that the source is read once, and
 * unpersist it after fitting. The test side is read once, by the evaluation. A category never seen in
 * training must not crash prediction.
 */
public final class UserFeaturesPipeline {

    public static final StructType USER_FEATURES = new StructType()
            .add("userId", DataTypes.StringType)
            .add("feature1", DataTypes.DoubleType)
            .add("feature2", DataTypes.DoubleType)
            .add("category", DataTypes.StringType)
            .add("label", DataTypes.IntegerType);

    /** The data split 80/20 for training and testing. */
    public record Split(Dataset<Row> train, Dataset<Row> test) {}

    /** A fitted pipeline and its accuracy on the test data. */
    public record Evaluated(PipelineModel model, double accuracy) {}

    private UserFeaturesPipeline() {}

    /**
     * Part 1: index {@code category} into {@code categoryIndex} (a category unseen in training gets an
     * index of its own), assemble {@code feature1}, {@code feature2} and {@code categoryIndex} into
     * {@code features}, and classify {@code label} with a random forest of {@code numTrees} trees.
     */
    public static Pipeline pipeline(int numTrees, long seed) {
        throw new NotImplementedYet();
    }

    /**
     * Part 2: 80 % to train and 20 % to test, split with {@code seed} (the same seed, the same split); the
     * training side cached for the passes of the fit.
     */
    public static Split split(Dataset<Row> data, long seed) {
        throw new NotImplementedYet();
    }

    /**
     * Part 3: fits on the training data only, measures accuracy on the test data, then unpersists what was
     * cached.
     */
    public static Evaluated fitAndEvaluate(Pipeline pipeline, Split split) {
        throw new NotImplementedYet();
    }

    /**
     * {@code rows} users with features in [0, 4) and categories A, B and C, the same for the same seed.
     * The label is 1 when feature1 + feature2, plus 2 for category A, exceeds 4.5 (with 5 % of labels
     * flipped as noise).
     */
    public static Dataset<Row> userFeatures(SparkSession spark, int rows, long seed) {
        Random random = new Random(seed);
        List<Row> users = new ArrayList<>();
        String[] categories = {"A", "B", "C"};
        for (int i = 0; i < rows; i++) {
            double feature1 = Math.round(random.nextDouble() * 400) / 100.0;
            double feature2 = Math.round(random.nextDouble() * 400) / 100.0;
            String category = categories[random.nextInt(categories.length)];
            boolean high = feature1 + feature2 + (category.equals("A") ? 2 : 0) > 4.5;
            boolean noise = random.nextDouble() < 0.05;
            users.add(RowFactory.create("u" + i, feature1, feature2, category, high != noise ? 1 : 0));
        }
        return spark.createDataFrame(users, USER_FEATURES);
    }

    public static void main(String[] args) {
        SparkSession spark = LocalSpark.session();
        Split split = split(userFeatures(spark, 2_000, 42), 42);
        Evaluated evaluated = fitAndEvaluate(pipeline(20, 42), split);
        evaluated
                .model()
                .transform(userFeatures(spark, 10, 7))
                .select("label", "prediction")
                .show(10, false);
        System.out.printf("Accuracy on the test data: %.3f%n", evaluated.accuracy());
    }
}
