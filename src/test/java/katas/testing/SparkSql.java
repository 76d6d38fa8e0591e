package katas.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import katas.support.LocalSpark;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/** The shared test SparkSession and scoped SQL confs, as Spark's own {@code SQLHelper.withSQLConf}. */
public final class SparkSql {

    private SparkSql() {}

    /** The one SparkSession of this JVM; looked up on each call, never cached by a test. */
    public static SparkSession session() {
        return LocalSpark.session();
    }

    /** Runs {@code body} with the given SQL confs set, then restores every one of them as it was. */
    public static void withSqlConf(Map<String, String> confs, ThrowingRunnable body) throws Exception {
        RuntimeConfig runtime = session().conf();
        Map<String, Option<String>> previous = new LinkedHashMap<>();
        confs.forEach((key, value) -> {
            previous.put(key, runtime.getOption(key));
            runtime.set(key, value);
        });
        try {
            body.run();
        } finally {
            previous.forEach((key, value) -> {
                if (value.isDefined()) {
                    runtime.set(key, value.get());
                } else {
                    runtime.unset(key);
                }
            });
        }
    }

    /**
     * Automatic broadcasting off: only a hint can make Spark broadcast. AQE's threshold
     * ({@code spark.sql.adaptive.autoBroadcastJoinThreshold}) falls back to this one when unset.
     */
    public static Map<String, String> autoBroadcastOff() {
        return Map.of("spark.sql.autoBroadcastJoinThreshold", "-1");
    }
}
