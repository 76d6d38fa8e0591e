package katas.testing;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * Counts the Spark jobs started while it listens: how a test tells a transformation (no job) from an
 * action (a job). Spark delivers listener events on its own thread; {@link #started()} waits until every
 * event posted so far has been delivered, so the count is exact without sleeping.
 */
public final class SparkJobs implements AutoCloseable {

    private final SparkSession spark;
    private final AtomicInteger started = new AtomicInteger();
    private final SparkListener listener = new SparkListener() {
        @Override
        public void onJobStart(SparkListenerJobStart jobStart) {
            started.incrementAndGet();
        }
    };

    private SparkJobs(SparkSession spark) {
        this.spark = spark;
        spark.sparkContext().addSparkListener(listener);
    }

    /** A counter from now on: the events of jobs that ran before are delivered first, and not counted. */
    public static SparkJobs countIn(SparkSession spark) throws TimeoutException {
        spark.sparkContext().listenerBus().waitUntilEmpty();
        return new SparkJobs(spark);
    }

    /** The jobs started since this counter was made. */
    public int started() throws TimeoutException {
        spark.sparkContext().listenerBus().waitUntilEmpty();
        return started.get();
    }

    @Override
    public void close() {
        spark.sparkContext().removeSparkListener(listener);
    }
}
