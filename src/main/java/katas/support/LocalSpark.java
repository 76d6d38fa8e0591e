package katas.support;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.spark.launcher.JavaModuleOptions;
import org.apache.spark.sql.SparkSession;

/** The local SparkSession every exercise and test shares: quiet, small, and fast to start. */
public final class LocalSpark {

    private LocalSpark() {}

    /** The running session, or a new one on {@link #master}. */
    public static SparkSession session() {
        if (isRunning()) {
            return SparkSession.getDefaultSession().get();
        }
        requireJdkFlags();
        return builder("bigdata-katas", master(System.getProperties())).getOrCreate();
    }

    /** A session's settings here: quiet, few shuffle partitions, UTC, on loopback, a short history. */
    static SparkSession.Builder builder(String appName, String master) {
        SparkSession.Builder builder = SparkSession.builder();
        if (master.startsWith("local")) { // a cluster's JVMs may not have the project's classes
            builder.config("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName())
                    .config("spark.hadoop.fs.AbstractFileSystem.file.impl", NioLocalFileSystem.Fs.class.getName());
        }
        return builder.appName(appName)
                .master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.eventLog.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                // Timestamps shown the same on every machine, as the guide prints them.
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                // The status store keeps the last 1000 jobs and SQL executions even with the UI off; a
                // warm JVM that re-runs tests for hours needs only the last few.
                .config("spark.ui.retainedJobs", "50")
                .config("spark.ui.retainedStages", "50")
                .config("spark.sql.ui.retainedExecutions", "50")
                .config(
                        "spark.sql.warehouse.dir",
                        Path.of(System.getProperty("java.io.tmpdir"), "bigdata-katas-warehouse")
                                .toUri()
                                .toString());
    }

    /**
     * The master already set ({@code spark-submit --master spark://…} sets {@code spark.master}), so that a
     * submitted job runs on that cluster; else {@code local[2]}.
     */
    static String master(Properties system) {
        return system.getProperty("spark.master", "local[2]");
    }

    /** Whether a session runs: a stopped one stays the default until Spark's listener bus forgets it. */
    public static boolean isRunning() {
        scala.Option<SparkSession> running = SparkSession.getDefaultSession();
        return running.isDefined() && !running.get().sparkContext().isStopped();
    }

    /** A new session with one setting of those only a new SparkContext reads ({@code spark.serializer}). */
    public static SparkSession restartWith(String key, String value) {
        stop();
        requireJdkFlags();
        return builder("bigdata-katas", master(System.getProperties()))
                .config(key, value)
                .getOrCreate();
    }

    /** Stops the running session, if any, so that the next {@link #session()} starts a new one. */
    public static void stop() {
        SparkSession.getDefaultSession().foreach(session -> {
            session.stop();
            return null;
        });
        SparkSession.clearDefaultSession();
        SparkSession.clearActiveSession();
    }

    /** Spark 3.5 on Java 17 fails deep inside its memory code without these; say so at once instead. */
    static void requireJdkFlags() {
        Module javaBase = Object.class.getModule();
        Module here = LocalSpark.class.getModule();
        if (!javaBase.isOpen("sun.nio.ch", here) || !javaBase.isOpen("java.nio", here)) {
            throw new IllegalStateException(
                    "Spark needs JDK flags on Java " + Runtime.version().feature()
                            + ": run through Maven, which passes them, or add these VM options: "
                            + JavaModuleOptions.defaultModuleOptions());
        }
    }
}
