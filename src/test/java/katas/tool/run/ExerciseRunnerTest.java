package katas.tool.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import katas.spark.broadcastjoin.BroadcastJoin;
import katas.support.Catalogue;
import katas.support.LocalSpark;
import katas.tool.Project;
import katas.tool.Project.Track;
import katas.tool.TestProjects;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExerciseRunnerTest {

    private static final String STUB = "exercises/katas/flink/fraud/FraudDetector.java";
    private static final String REASON = "Suspicious: large amount within short time";

    @TempDir
    Path workspace;

    private Project project;
    private ExerciseRunner runner;
    private Catalogue.Exercise fraudDetection;

    @BeforeEach
    void copyProject() {
        project = TestProjects.copy(workspace, "katas/flink/fraud", "katas/spark/etl");
        runner = new ExerciseRunner(project);
        fraudDetection = project.catalogue().require("fraud-detection");
    }

    @AfterEach
    void removeCompiledClasses() {
        runner.close();
    }

    private Outcome.Compiled compiled() {
        Outcome.Compilation compilation = runner.compile(fraudDetection, Track.EXERCISES);
        assertThat(compilation).isInstanceOf(Outcome.Compiled.class);
        return (Outcome.Compiled) compilation;
    }

    private long passedTests(Outcome.Compiled compiled) {
        return runner.test(fraudDetection, Track.EXERCISES, compiled).passed();
    }

    private void solveStubWith(UnaryOperator<String> edit) throws IOException {
        String solution =
                TestProjects.cleanSolution(project, "fraud-detection", "katas/flink/fraud/FraudDetector.java");
        Files.writeString(workspace.resolve(STUB), edit.apply(solution));
    }

    @Test
    @DisplayName(
            "an edit inside method bodies recompiles the exercise alone; the tests' classes are reused and see the edit")
    void bodyEditReusesTestClasses() throws IOException {
        Outcome.Compiled stub = compiled();
        assertThat(stub.classes())
                .as("first compile: exercise and tests together")
                .hasSize(1);
        assertThat(passedTests(stub)).isZero();

        solveStubWith(UnaryOperator.identity());
        Outcome.Compiled solved = compiled();

        assertThat(solved.classes())
                .as("the exercise's fresh classes, then the tests' kept ones")
                .hasSize(2);
        assertThat(passedTests(solved)).isEqualTo(6);
    }

    @Test
    @DisplayName("a compile error in the exercise is reported from its own compile, with the tests' classes kept")
    void compileErrorInTheExercise() throws IOException {
        assertThat(compiled().classes()).hasSize(1);

        solveStubWith(source -> source.replace("lastTransaction.clear();", "lastTransaction.clear()"));
        Outcome.Compilation broken = runner.compile(fraudDetection, Track.EXERCISES);

        assertThat(broken).isInstanceOf(Outcome.CompileFailed.class);
        assertThat(((Outcome.CompileFailed) broken).diagnostics())
                .singleElement()
                .asString()
                .startsWith(STUB + ":")
                .contains("';' expected");
        solveStubWith(UnaryOperator.identity());
        assertThat(compiled().classes())
                .as("the tests' classes are still reused")
                .hasSize(2);
    }

    @Test
    @DisplayName("Spark starts on another thread while the exercise compiles, once, and only for Spark exercises")
    void sparkStartsWhileCompiling() throws IOException {
        Catalogue.Exercise etl = project.catalogue().require("etl-purchase-summary");
        LocalSpark.stop();

        assertThat(runner.startEnginesEarly(fraudDetection))
                .as("a Flink exercise")
                .isFalse();
        assertThat(runner.startEnginesEarly(etl))
                .as("a Spark exercise, no session yet")
                .isTrue();
        assertThat(runner.startEnginesEarly(etl)).as("already starting").isFalse();
        Outcome outcome = runner.run(etl, Track.SOLUTIONS);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.TestsRan.class,
                        ran -> assertThat(ran.allPassed()).isTrue());
        assertThat(runner.startEnginesEarly(etl)).as("a session runs").isFalse();
    }

    @Test
    @DisplayName("an edited test is recompiled")
    void editedTestRecompiled() throws IOException {
        solveStubWith(UnaryOperator.identity());
        assertThat(compiled().classes()).hasSize(1);
        Path test = workspace.resolve("src/test/java/katas/flink/fraud/FraudDetectorTest.java");
        Files.writeString(
                test, Files.readString(test).replace("main prints the guide's one alert", "main prints one alert"));

        Outcome.Compiled recompiled = compiled();

        assertThat(recompiled.classes())
                .as("exercise and tests compiled together again")
                .hasSize(1);
        assertThat(runner.test(fraudDetection, Track.EXERCISES, recompiled).tests())
                .extracting(Outcome.TestResult::name)
                .contains("main prints one alert");
    }

    @Test
    @DisplayName("a changed constant recompiles the tests, since javac copies constants into the classes that use them")
    void changedConstantRecompilesTests() throws IOException {
        solveStubWith(UnaryOperator.identity());
        assertThat(passedTests(compiled())).isEqualTo(6);

        solveStubWith(source -> source.replace(REASON, "Suspicious!"));
        Outcome.Compiled renamed = compiled();

        assertThat(renamed.classes())
                .as("exercise and tests compiled together again")
                .hasSize(1);
        assertThat(runner.test(fraudDetection, Track.EXERCISES, renamed).tests())
                .filteredOn(test -> !test.passed())
                .extracting(Outcome.TestResult::name)
                .as(
                        "the tests expect the new reason, not the one they were compiled with; main prints the guide's text")
                .containsExactly("main prints the guide's one alert");
    }

    @Test
    @DisplayName("a removed member recompiles the tests, and a test that no longer compiles is reported")
    void removedMemberRecompilesTests() throws IOException {
        assertThat(compiled().classes()).hasSize(1);

        solveStubWith(source -> source.replace("public static final String REASON = \"" + REASON + "\";", "")
                .replace("REASON)", "\"" + REASON + "\")"));
        Outcome.Compilation compilation = runner.compile(fraudDetection, Track.EXERCISES);

        assertThat(compilation).isInstanceOf(Outcome.CompileFailed.class);
        assertThat(((Outcome.CompileFailed) compilation).diagnostics())
                .anyMatch(line -> line.startsWith("src/test/java/katas/flink/fraud/FraudDetectorTest.java:")
                        && line.contains("REASON"));
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
        assertThat(ExerciseRunner.shipsUserCodeToSparkTasks(
                        folderWith(temp.resolve("dataframes"), BroadcastJoin.class)))
                .as("DataFrame API only")
                .isFalse();
        assertThat(ExerciseRunner.shipsUserCodeToSparkTasks(folderWith(temp.resolve("lambda"), ShipsLambda.class)))
                .as("a MapFunction lambda")
                .isTrue();
    }

    private static Path folderWith(Path folder, Class<?> type) throws IOException, URISyntaxException {
        Files.createDirectories(folder);
        Path classFile = Path.of(type.getClassLoader()
                .getResource(type.getName().replace('.', '/') + ".class")
                .toURI());
        Files.copy(classFile, folder.resolve(classFile.getFileName()));
        return folder;
    }
}
