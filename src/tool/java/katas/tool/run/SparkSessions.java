package katas.tool.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import katas.support.Catalogue;
import katas.support.LocalSpark;

/**
 * When the warm JVM's SparkSession may be reused, and when it must be started afresh: the policy that
 * keeps Spark runs fast without ever running stale user code.
 */
final class SparkSessions {

    /** Names in a class file's constant pool that mean user code runs inside Spark tasks. */
    private static final List<String> SPARK_USER_CODE = List.of(
            "org/apache/spark/api/java/function/",
            "org/apache/spark/sql/api/java/UDF",
            "org/apache/spark/sql/expressions/UserDefined");

    private Thread starter;

    /**
     * Starts Spark on another thread when the exercise uses it and no session runs yet: on a cold JVM the
     * session takes seconds to come up, and these then overlap with javac's. Returns whether it started one.
     */
    boolean startEarly(Catalogue.Exercise exercise) {
        if (!exercise.engine().usesSpark() || LocalSpark.isRunning() || starter != null) {
            return false;
        }
        starter = new Thread(
                () -> {
                    try {
                        LocalSpark.session();
                    } catch (RuntimeException | LinkageError e) {
                        // the tests' own call meets the same problem and reports it
                    }
                },
                "kata-spark-start");
        starter.setDaemon(true);
        starter.start();
        return true;
    }

    void awaitStart() throws InterruptedException {
        if (starter != null) {
            starter.join();
            starter = null;
        }
    }

    /**
     * Prepares Spark for classes of a fresh compile and says whether they need the fresh class loader as
     * the thread's context loader. Spark's tasks load user classes through the loader the session started
     * with, and cache them, so code that ships user classes to tasks gets a new session; Spark caches
     * generated code per context loader, so DataFrame-only code keeps the warm one and reuses it.
     */
    boolean prepareFor(Catalogue.Exercise exercise, List<Path> classes) throws InterruptedException {
        awaitStart();
        boolean userCodeInTasks = classes.stream().anyMatch(SparkSessions::shipsUserCodeToTasks);
        if (userCodeInTasks) {
            LocalSpark.stop();
        }
        return userCodeInTasks || exercise.engine() != Catalogue.Engine.SPARK;
    }

    /** Whether compiled classes hand Spark functions, UDFs or bean encoders to tasks (DataFrame-only code does not). */
    static boolean shipsUserCodeToTasks(Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String constantPool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (SPARK_USER_CODE.stream().anyMatch(constantPool::contains)
                        || constantPool.contains("org/apache/spark/sql/Encoders") && constantPool.contains("bean")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true; // when unsure, start Spark afresh
        }
    }
}
