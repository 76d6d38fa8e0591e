package katas.tool.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import katas.support.LocalSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/** A lesson on the shared local SparkSession (or the cluster's master, where {@code spark.master} names one). */
abstract class SparkLesson implements Lesson {

    /** The session, from {@link #prepare} on: listing the lessons starts no Spark. */
    protected SparkSession spark;

    private final Map<String, Option<String>> changed = new HashMap<>();
    protected Path scratch;
    protected Scale scale;

    @Override
    public final void prepare(Scale scale, Path scratch) {
        this.scale = scale;
        this.scratch = scratch;
        this.spark = LocalSpark.session();
        // Each variant decides its own strategy; AQE must not merge the partitions whose balance is measured.
        set("spark.sql.adaptive.coalescePartitions.enabled", "false");
        set("spark.sql.shuffle.partitions", "8");
        write();
    }

    @Override
    public String where() {
        return "Spark " + spark.sparkContext().master();
    }

    /** Writes the input under {@link #scratch}. */
    protected abstract void write();

    protected String path(String name) {
        return scratch.resolve(name).toString();
    }

    /** Runs the query to its end and throws the rows away: Spark's noop sink, so that nothing else is timed. */
    protected Map<String, Double> runToTheEnd(Dataset<Row> query, Evidence evidence) throws Exception {
        try (SparkTaskMetrics metrics = SparkTaskMetrics.recordIn(spark)) {
            query.write().format("noop").mode("overwrite").save();
            Map<String, Double> found = new LinkedHashMap<>();
            evidence.collect(metrics, found);
            return found;
        }
    }

    @FunctionalInterface
    interface Evidence {
        void collect(SparkTaskMetrics metrics, Map<String, Double> found) throws Exception;
    }

    /** Sets a SQL setting of the session, the first time remembering what it was. */
    protected void set(String key, String value) {
        changed.computeIfAbsent(key, unused -> spark.conf().getOption(key));
        spark.conf().set(key, value);
    }

    /** Puts back every setting the lesson changed, so that what runs next in this JVM sees the session as it was. */
    @Override
    public void close() {
        changed.forEach((key, was) -> {
            if (was.isDefined()) {
                spark.conf().set(key, was.get());
            } else {
                spark.conf().unset(key);
            }
        });
        changed.clear();
    }
}
