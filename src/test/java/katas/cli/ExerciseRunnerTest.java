package katas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import katas.spark.broadcastjoin.BroadcastJoin;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExerciseRunnerTest {

    /** Ships a lambda into Spark tasks, as an exercise with map/filter/UDF code would. */
    static final class ShipsLambda {
        static Dataset<Integer> lengths(Dataset<String> words) {
            return words.map((MapFunction<String, Integer>) String::length, Encoders.INT());
        }
    }

    @Test
    @DisplayName("Spark is restarted between runs only for code that ships user classes into tasks")
    void detectsUserCodeInSparkTasks(@TempDir Path temp) throws Exception {
        assertThat(ExerciseRunner.shipsUserCodeToSparkTasks(folderWith(temp.resolve("dataframes"), BroadcastJoin.class)))
                .as("DataFrame API only").isFalse();
        assertThat(ExerciseRunner.shipsUserCodeToSparkTasks(folderWith(temp.resolve("lambda"), ShipsLambda.class)))
                .as("a MapFunction lambda").isTrue();
    }

    @Test
    @DisplayName("a class cast between two compiles of an exercise makes watch restart its JVM; the learner's own bug does not")
    void mixedClassLoadersDetected() {
        ExerciseRunner.TestsRan crossLoader = new ExerciseRunner.TestsRan(List.of(new ExerciseRunner.TestResult("t", false,
                "ClassCastException: class katas.flink.fraud.FraudDetector cannot be cast to class katas.flink.fraud.FraudDetector", 1)));
        ExerciseRunner.TestsRan learnerBug = new ExerciseRunner.TestsRan(List.of(new ExerciseRunner.TestResult("t", false,
                "ClassCastException: class java.lang.String cannot be cast to class java.lang.Long", 1)));

        assertThat(Kata.mixedClassLoaders(crossLoader)).isTrue();
        assertThat(Kata.mixedClassLoaders(learnerBug)).isFalse();
    }

    private static Path folderWith(Path folder, Class<?> type) throws IOException, URISyntaxException {
        Files.createDirectories(folder);
        Path classFile = Path.of(type.getClassLoader().getResource(type.getName().replace('.', '/') + ".class").toURI());
        Files.copy(classFile, folder.resolve(classFile.getFileName()));
        return folder;
    }
}
