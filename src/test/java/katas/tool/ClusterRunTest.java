package katas.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import katas.support.Catalogue;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Every reference main submitted to a real cluster with {@code kata run --solution --cluster}, the way its
 * users submit jobs, prints what it prints when it runs here in one JVM; the cluster says it finished.
 * The driver on the worker too (Spark's cluster deploy mode). One engine at a time, so only with {@code
 * -Pcluster}.
 */
@Tag("cluster")
class ClusterRunTest {

    /** What the clients say about the submission, not the job: Flink's CliFrontend names the job and its time. */
    private static final Pattern CLIENT_LINES = Pattern.compile("^(|== .* ==|Job has been submitted with JobID \\w+"
            + "|Program execution finished|Job with JobID \\w+ has finished\\.|Job Runtime: \\d+ ms)$");
    /**
     * A line of the engines' logs (the project's log4j2 layout: time, level, logger): how a JVM's shutdown races
     * with its peers differs from run to run, and is not what the main prints.
     */
    private static final Pattern LOG_LINE =
            Pattern.compile("^\\d{2}:\\d{2}:\\d{2} (TRACE|DEBUG|INFO |WARN |ERROR|FATAL) .*");
    /** A run's scratch folder (here and on the cluster each has its own), to the end of the path. */
    private static final Pattern SCRATCH =
            Pattern.compile("(?:file:)?/[^\\s,\\]]*?(?:bigdata-katas-run-|/submit-)\\d+[^\\s,\\]]*");
    /** Spark's expression ids count the expressions a JVM has made so far. */
    private static final Pattern EXPRESSION_ID = Pattern.compile("#\\d+");

    private final Project project = Project.here();

    /** What {@code kata} itself printed, and what the run it started printed. */
    private record Run(int status, String said, String printed) {}

    private Run kata(String... args) {
        StringWriter said = new StringWriter();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int status;
        try {
            CommandLine commandLine = Kata.commandLine(new Kata(project, Clock.systemDefaultZone(), Ansi.OFF));
            commandLine.setOut(new PrintWriter(said, true));
            commandLine.setErr(new PrintWriter(said, true));
            status = commandLine.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        Run run = new Run(status, said.toString(), printed.toString(StandardCharsets.UTF_8));
        System.out.print(run.said()); // the web UI links and start times, in the test's log
        return run;
    }

    @AfterEach
    void stopTheCluster() {
        kata("cluster", "stop");
    }

    /** The lines a main printed, in any order (parallel subtasks), log lines, its scratch folder and expression ids aside. */
    private static List<String> rows(String printed) {
        return printed.lines()
                .filter(Predicate.not(line -> CLIENT_LINES.matcher(line).matches()))
                .filter(Predicate.not(line -> LOG_LINE.matcher(line).matches()))
                .map(line -> SCRATCH.matcher(line).replaceAll("<scratch folder>"))
                .map(line -> EXPRESSION_ID.matcher(line).replaceAll("#n"))
                .sorted()
                .toList();
    }

    private void everyMainOn(String engine) {
        assertThat(kata("cluster", "start", engine).status()).isZero();
        SoftAssertions softly = new SoftAssertions();
        for (Catalogue.Exercise exercise : project.catalogue().exercises()) {
            if (!exercise.engine().name().equalsIgnoreCase(engine)) {
                continue;
            }
            if (!exercise.localOnly().isEmpty()) {
                Run refused = kata("run", exercise.id(), "--solution", "--cluster");
                softly.assertThat(refused.said())
                        .as(exercise.id())
                        .contains(exercise.id() + " runs in one JVM only: " + exercise.localOnly());
                continue;
            }
            long started = System.nanoTime();
            Run local = kata("run", exercise.id(), "--solution");
            long localMillis = (System.nanoTime() - started) / 1_000_000;
            Run cluster = kata("run", exercise.id(), "--solution", "--cluster");
            System.out.printf(
                    "%s: %d ms here, %d ms on the cluster%n",
                    exercise.id(), localMillis, (System.nanoTime() - started) / 1_000_000 - localMillis);
            softly.assertThat(local.status())
                    .as(exercise.id() + " here: " + local.printed())
                    .isZero();
            softly.assertThat(cluster.status())
                    .as(exercise.id() + " on the cluster: " + cluster.said() + cluster.printed())
                    .isZero();
            softly.assertThat(cluster.said()).as(exercise.id()).contains("FINISHED ");
            softly.assertThat(rows(cluster.printed()))
                    .as(exercise.id() + ": what the main prints on the cluster and here")
                    .isEqualTo(rows(local.printed()));
        }
        softly.assertAll();
    }

    @Test
    @DisplayName("every Spark main through spark-submit on the standalone cluster prints what it prints here")
    void spark() {
        everyMainOn("spark");

        Run onTheWorker = kata("run", "etl-purchase-summary", "--solution", "--cluster", "--deploy-mode", "cluster");
        assertThat(onTheWorker.status()).as(onTheWorker.said()).isZero();
        assertThat(onTheWorker.said())
                .as("the driver's stdout, read from the worker's folder, and the master's verdicts")
                .contains(
                        "-- the driver's output (.kata/cluster/spark/work/driver-",
                        "|u123  |550.0      |2             |")
                .containsPattern("FINISHED driver-\\S+ \\(driver on worker-")
                .containsPattern("FINISHED app-\\S+ \\(bigdata-katas\\)");
    }

    @Test
    @DisplayName("every Flink main through flink run on the standalone session prints what it prints here")
    void flink() {
        everyMainOn("flink");
    }
}
