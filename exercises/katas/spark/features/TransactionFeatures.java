package katas.spark.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import katas.support.LocalSpark;
import katas.support.NotImplementedYet;
import katas.support.ScratchFolder;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The guide's hands-on Spark example, feature engineering and a random forest: clean the transactions,
 * derive one feature with a column expression and one with a UDF, assemble and scale them, train and
 * evaluate a forest, and save the model so that it can be loaded back.
 *
 * <pre>
 * transactions: userId, amount, category, label      (generated: {@link #transactions})
 * isHighValue   = 1 when amount &gt; 1000, else 0
 * categoryScore = A 1.0, B 2.0, C 3.0, anything else (null included) 0.0
 * features      = [amount, categoryScore, isHighValue], scaled to mean 0 and standard deviation 1
 * </pre>
 *
 * The scaler learns a mean and a standard deviation: fitted on all the data, it has seen the test rows
 * before the model is evaluated on them (mean amount 1002.89 on all rows, 1000.40 on the training split).
 * Fit it on the training data only, in the pipeline, and feed its output to the forest. A forest does not
 * need scaling (its splits are thresholds, which a per-feature scaling moves without changing which rows
 * go where): its accuracy is the same with or without the scaler. Scaling matters to models that weigh
 * features by their size (regularised linear models, k-means, SVMs).
 */
public final class TransactionFeatures {

    public static final StructType TRANSACTIONS = new StructType()
            .add("userId", DataTypes.StringType)
            .add("amount", DataTypes.DoubleType)
            .add("category", DataTypes.StringType)
            .add("label", DataTypes.DoubleType);

    /** A model fitted on the training split and its accuracy on the test split. */
    public record Trained(PipelineModel model, double accuracy) {}

    private TransactionFeatures() {}

    /** Part 1: without the rows whose userId or amount is null; a missing category is fine. */
    public static Dataset<Row> clean(Dataset<Row> transactions) {
        throw new NotImplementedYet();
    }

    /** Part 2: adds {@code isHighValue} (a column expression, no UDF) and {@code categoryScore} (a UDF). */
    public static Dataset<Row> withFeatures(Dataset<Row> transactions) {
        throw new NotImplementedYet();
    }

    /**
     * Part 3: assembles amount, categoryScore and isHighValue into {@code features}, scales them into
     * {@code scaledFeatures} (mean and standard deviation) and classifies {@code label} with a forest of
     * 50 trees of depth 5.
     */
    public static Pipeline pipeline(long seed) {
        throw new NotImplementedYet();
    }

    /**
     * Part 4: splits 80/20 with {@code seed}, fits the pipeline on the first part, and returns its accuracy on
     * the second.
     */
    public static Trained trainAndEvaluate(Dataset<Row> features, long seed) {
        throw new NotImplementedYet();
    }

    /** Part 5: saves the model into {@code path} (replacing what is there) and returns the model loaded back. */
    public static PipelineModel saveAndLoad(PipelineModel model, String path) throws IOException {
        throw new NotImplementedYet();
    }

    /**
     * {@code rows} transactions, the same for the same seed: amounts from 0 to 2000, categories A to D,
     * about 2 % of userIds and of amounts missing. The label is 1 for large amounts in categories A and C
     * (with 5 % of labels flipped as noise).
     */
    public static Dataset<Row> transactions(SparkSession spark, int rows, long seed) {
        Random random = new Random(seed);
        String[] categories = {"A", "B", "C", "D"};
        List<Row> transactions = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            double amount = Math.round(random.nextDouble() * 200_000) / 100.0;
            String category = random.nextInt(20) == 0 ? null : categories[random.nextInt(categories.length)];
            boolean fraud = amount > 800 && ("A".equals(category) || "C".equals(category));
            boolean noise = random.nextDouble() < 0.05;
            transactions.add(RowFactory.create(
                    random.nextInt(50) == 0 ? null : "u" + random.nextInt(300),
                    random.nextInt(50) == 0 ? null : amount,
                    category,
                    fraud != noise ? 1.0 : 0.0));
        }
        return spark.createDataFrame(transactions, TRANSACTIONS);
    }

    public static void main(String[] args) throws IOException {
        SparkSession spark = LocalSpark.session();
        Dataset<Row> raw = transactions(spark, 2_000, 42);
        raw.printSchema();
        raw.describe("amount").show();

        Trained trained = trainAndEvaluate(withFeatures(clean(raw)), 42);
        trained.model()
                .transform(withFeatures(clean(transactions(spark, 20, 7))))
                .select("label", "prediction")
                .show(5);
        System.out.printf("Test Accuracy = %.3f%n", trained.accuracy());
        try (ScratchFolder folder = ScratchFolder.create("feature-engineering-")) {
            PipelineModel loaded =
                    saveAndLoad(trained.model(), folder.resolve("rf_model_v1").toString());
            System.out.println("Saved and loaded back: " + loaded.stages().length + " stages");
        }
    }
}
