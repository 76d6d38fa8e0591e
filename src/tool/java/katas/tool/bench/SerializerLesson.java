package katas.tool.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import katas.support.Generators;
import katas.support.LocalSpark;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.DeserializationStream;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializationStream;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.SparkSession;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Guide 3.4's Kryo line, on what {@code spark.serializer} serializes: the records of an RDD (shuffled,
 * cached serialized), written and read back by the engine's own serializers, timed. And, measured once per
 * serializer, a DataFrame shuffle in a session that uses it: Spark writes its rows as {@code UnsafeRow}s
 * whatever the setting.
 */
final class SerializerLesson implements Lesson {

    private static final String BYTES = "bytes per record";
    private static final String DATAFRAME_SHUFFLE = "DataFrame shuffle MB";
    private static final ClassTag<Purchase> PURCHASE = ClassTag$.MODULE$.apply(Purchase.class);

    /** An RDD's record as Spark 3.5's Kryo 4 can write it: a class with a no-argument constructor, not a record. */
    public static final class Purchase implements Serializable {
        private static final long serialVersionUID = 1L;
        String userId;
        String country;
        double amount;
        long timestamp;
    }

    private List<Purchase> purchases;
    /** Per serializer, what the same DataFrame shuffle wrote in a session that uses it. */
    private final Map<String, Double> dataFrameShuffle = new LinkedHashMap<>();

    @Override
    public About about() {
        return new About(
                "spark-tuning", "3.4: KryoSerializer: 10× faster than Java serialisation", List.of("java", "kryo"));
    }

    private static String serializerClass(String variant) {
        return (variant.equals("kryo") ? KryoSerializer.class : JavaSerializer.class).getName();
    }

    @Override
    public void prepare(Scale scale, Path scratch) throws TimeoutException {
        for (String variant : variants()) {
            SparkSession spark = LocalSpark.restartWith("spark.serializer", serializerClass(variant));
            try (SparkTaskMetrics metrics = SparkTaskMetrics.recordIn(spark)) {
                Generators.transactions(spark, scale.rows, scale.rows / 10, 0)
                        .repartition(8)
                        .write()
                        .format("noop")
                        .mode("overwrite")
                        .save();
                dataFrameShuffle.put(variant, metrics.shuffleMegabytesWritten());
            }
        }
        LocalSpark.stop(); // the next lesson's session with the default serializer
        purchases = new ArrayList<>();
        for (long id = 0; id < scale.rows / 4; id++) {
            SplittableRandom random = new SplittableRandom(Generators.SEED ^ id);
            Purchase purchase = new Purchase();
            purchase.userId = "u" + random.nextInt(100_000);
            purchase.country = "C" + random.nextInt(10);
            purchase.amount = random.nextInt(50_000) / 100.0;
            purchase.timestamp = Generators.SEED + id * 1000;
            purchases.add(purchase);
        }
    }

    @Override
    public Map<String, Double> run(String variant) {
        SparkConf conf = new SparkConf().registerKryoClasses(new Class<?>[] {Purchase.class});
        Serializer serializer = variant.equals("kryo") ? new KryoSerializer(conf) : new JavaSerializer(conf);
        SerializerInstance instance = serializer.newInstance();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SerializationStream out = instance.serializeStream(bytes);
        for (Purchase purchase : purchases) {
            out.writeObject(purchase, PURCHASE);
        }
        out.close();
        DeserializationStream in = instance.deserializeStream(new ByteArrayInputStream(bytes.toByteArray()));
        long read = 0;
        for (var records = in.asIterator(); records.hasNext(); records.next()) {
            read++;
        }
        in.close();
        if (read != purchases.size()) {
            throw new IllegalStateException(variant + " read back " + read + " of " + purchases.size() + " records");
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put(BYTES, bytes.size() / (double) purchases.size());
        evidence.put(DATAFRAME_SHUFFLE, dataFrameShuffle.get(variant));
        return evidence;
    }

    @Override
    public String verdict(Result result) {
        return result.verdict(
                "kryo",
                ("%.2f× where the guide says 10×; %.0f bytes per record with Kryo against %.0f with Java; the same"
                                + " DataFrame shuffle wrote %.1f MB in a session with Kryo, %.1f MB with Java")
                        .formatted(
                                Result.median(result.ratios(result.variant("kryo"))),
                                result.evidence("kryo", BYTES),
                                result.evidence("java", BYTES),
                                result.evidence("kryo", DATAFRAME_SHUFFLE),
                                result.evidence("java", DATAFRAME_SHUFFLE)));
    }
}
