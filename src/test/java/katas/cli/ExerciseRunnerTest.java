package katas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import katas.support.Catalogue;
import katas.spark.broadcastjoin.BroadcastJoin;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExerciseRunnerTest {

    private static final String STUB = "exercises/katas/flink/fraud/FraudDetector.java";
    private static final String REASON = "Suspicious: large amount within short time";

    @TempDir
    Path workspace;

    private ExerciseRunner runner;
    private Catalogue.Exercise fraudDetection;

    @BeforeEach
    void copyFraudDetection() throws IOException {
        for (String path : new String[] {"catalogue.toml", "exercises/katas/flink/fraud", "solutions/katas/flink/fraud",
                "src/test/java/katas/flink/fraud"}) {
            Kata.copyTree(Catalogue.projectRoot().resolve(path), workspace.resolve(path));
        }
        runner = new ExerciseRunner(workspace);
        fraudDetection = Catalogue.load(workspace.resolve(Catalogue.FILE_NAME)).require("fraud-detection");
    }

    private ExerciseRunner.Compiled compiled() {
        ExerciseRunner.Compilation compilation = runner.compile(fraudDetection, Track.EXERCISES);
        assertThat(compilation).isInstanceOf(ExerciseRunner.Compiled.class);
        return (ExerciseRunner.Compiled) compilation;
    }

    private long passedTests(ExerciseRunner.Compiled compiled) {
        return runner.test(fraudDetection, Track.EXERCISES, compiled).passed();
    }

    private void solveStubWith(UnaryOperator<String> edit) throws IOException {
        Path solution = workspace.resolve("solutions/katas/flink/fraud/FraudDetector.java");
        Files.writeString(workspace.resolve(STUB), edit.apply(Files.readString(solution)));
    }

    @Test
    @DisplayName("an edit inside method bodies recompiles the exercise alone; the tests' classes are reused and see the edit")
    void bodyEditReusesTestClasses() throws IOException {
        ExerciseRunner.Compiled stub = compiled();
        assertThat(stub.classes()).as("first compile: exercise and tests together").hasSize(1);
        assertThat(passedTests(stub)).isZero();

        solveStubWith(UnaryOperator.identity());
        ExerciseRunner.Compiled solved = compiled();

        assertThat(solved.classes()).as("the exercise's fresh classes, then the tests' kept ones").hasSize(2);
        assertThat(passedTests(solved)).isEqualTo(6);
    }

    @Test
    @DisplayName("a compile error in the exercise is reported from its own compile, with the tests' classes kept")
    void compileErrorInTheExercise() throws IOException {
        assertThat(compiled().classes()).hasSize(1);

        solveStubWith(source -> source.replace("lastTransaction.clear();", "lastTransaction.clear()"));
        ExerciseRunner.Compilation broken = runner.compile(fraudDetection, Track.EXERCISES);

        assertThat(broken).isInstanceOf(ExerciseRunner.CompileFailed.class);
        assertThat(((ExerciseRunner.CompileFailed) broken).diagnostics()).singleElement().asString()
                .startsWith(STUB + ":").contains("';' expected");
        solveStubWith(UnaryOperator.identity());
        assertThat(compiled().classes()).as("the tests' classes are still reused").hasSize(2);
    }

    @Test
    @DisplayName("Spark starts on another thread while the exercise compiles, once, and only for Spark exercises")
    void sparkStartsWhileCompiling() throws IOException {
        for (String path : new String[] {"exercises/katas/spark/etl", "solutions/katas/spark/etl", "src/test/java/katas/spark/etl",
                "fixtures"}) {
            Kata.copyTree(Catalogue.projectRoot().resolve(path), workspace.resolve(path));
        }
        Catalogue.Exercise etl = Catalogue.load(workspace.resolve(Catalogue.FILE_NAME)).require("etl-purchase-summary");
        SparkSession.getDefaultSession().foreach(session -> {
            session.stop();
            return null;
        });

        assertThat(runner.startSparkEarly(fraudDetection)).as("a Flink exercise").isFalse();
        assertThat(runner.startSparkEarly(etl)).as("a Spark exercise, no session yet").isTrue();
        assertThat(runner.startSparkEarly(etl)).as("already starting").isFalse();
        ExerciseRunner.Outcome outcome = runner.run(etl, Track.SOLUTIONS);

        assertThat(outcome).isInstanceOfSatisfying(ExerciseRunner.TestsRan.class, ran -> assertThat(ran.allPassed()).isTrue());
        assertThat(runner.startSparkEarly(etl)).as("a session runs").isFalse();
    }

    @Test
    @DisplayName("an edited test is recompiled")
    void editedTestRecompiled() throws IOException {
        solveStubWith(UnaryOperator.identity());
        assertThat(compiled().classes()).hasSize(1);
        Path test = workspace.resolve("src/test/java/katas/flink/fraud/FraudDetectorTest.java");
        Files.writeString(test, Files.readString(test).replace("main prints the guide's one alert", "main prints one alert"));

        ExerciseRunner.Compiled recompiled = compiled();

        assertThat(recompiled.classes()).as("exercise and tests compiled together again").hasSize(1);
        assertThat(runner.test(fraudDetection, Track.EXERCISES, recompiled).tests())
                .extracting(ExerciseRunner.TestResult::name).contains("main prints one alert");
    }

    @Test
    @DisplayName("a changed constant recompiles the tests, since javac copies constants into the classes that use them")
    void changedConstantRecompilesTests() throws IOException {
        solveStubWith(UnaryOperator.identity());
        assertThat(passedTests(compiled())).isEqualTo(6);

        solveStubWith(source -> source.replace(REASON, "Suspicious!"));
        ExerciseRunner.Compiled renamed = compiled();

        assertThat(renamed.classes()).as("exercise and tests compiled together again").hasSize(1);
        assertThat(runner.test(fraudDetection, Track.EXERCISES, renamed).tests())
                .filteredOn(test -> !test.passed()).extracting(ExerciseRunner.TestResult::name)
                .as("the tests expect the new reason, not the one they were compiled with; main prints the guide's text")
                .containsExactly("main prints the guide's one alert");
    }

    @Test
    @DisplayName("a removed member recompiles the tests, and a test that no longer compiles is reported")
    void removedMemberRecompilesTests() throws IOException {
        assertThat(compiled().classes()).hasSize(1);

        solveStubWith(source -> source.replace("public static final String REASON = \"" + REASON + "\";", "")
                .replace("REASON)", "\"" + REASON + "\")"));
        ExerciseRunner.Compilation compilation = runner.compile(fraudDetection, Track.EXERCISES);

        assertThat(compilation).isInstanceOf(ExerciseRunner.CompileFailed.class);
        assertThat(((ExerciseRunner.CompileFailed) compilation).diagnostics())
                .anyMatch(line -> line.startsWith("src/test/java/katas/flink/fraud/FraudDetectorTest.java:") && line.contains("REASON"));
    }

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
