package katas.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import katas.support.Catalogue;
import katas.support.Ports;
import katas.support.cluster.ClusterKind;
import katas.support.cluster.ClusterState;
import katas.support.cluster.LocalCluster;
import katas.tool.command.WatchCommand;
import katas.tool.run.Outcome;
import katas.tool.source.ReadmeTable;
import katas.tool.source.Stubs;
import katas.tool.watch.WatchLoop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** The kata command, run in-process on a copy of the project: output, exit codes and files. */
class KataTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final String STUB = "exercises/katas/flink/fraud/FraudDetector.java";
    private static final String SOLUTION = "solutions/katas/flink/fraud/FraudDetector.java";

    @TempDir
    Path workspace;

    private StringWriter out;
    private StringWriter err;

    private Project project;

    @BeforeEach
    void copyProject() {
        project = TestProjects.copy(workspace, "katas/flink/fraud", "katas/spark/etl");
    }

    private int exercises() {
        return Catalogue.load(workspace.resolve(Catalogue.FILE_NAME)).ids().size();
    }

    private int kata(Kata kata, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine commandLine = Kata.commandLine(kata);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private int kata(String... args) {
        Kata kata = new Kata(project, CLOCK, Ansi.OFF);
        try {
            return kata(kata, args);
        } finally {
            kata.close();
        }
    }

    private String solution() {
        return TestProjects.cleanSolution(project, "fraud-detection", "katas/flink/fraud/FraudDetector.java");
    }

    private String generatedStub() {
        return Stubs.generate(project, project.catalogue().require("fraud-detection"))
                .get("katas/flink/fraud/FraudDetector.java");
    }

    private void solveStub() throws IOException {
        Files.writeString(workspace.resolve(STUB), solution());
    }

    @Test
    @DisplayName("--help and help <command> describe every command")
    void help() {
        assertThat(kata("--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "list",
                        "check",
                        "watch",
                        "hint",
                        "questions",
                        "diff",
                        "reset",
                        "run",
                        "cluster",
                        "bench",
                        "doctor",
                        "dev");

        assertThat(kata("help", "check")).isZero();
        assertThat(out.toString()).contains("--solution", "<id>");
    }

    @Test
    @DisplayName("list groups the exercises by engine and starts with nothing done")
    void listFresh() {
        assertThat(kata("list")).isZero();

        assertThat(out.toString())
                .contains("flink\n", "spark\n", "fraud-detection        grade 2   30 min  not started")
                .endsWith("0 of %d passed, 0 in progress, %d not started\n".formatted(exercises(), exercises()));
    }

    @Test
    @DisplayName("an unknown id gets one line naming the closest id, and exit code 2")
    void unknownId() {
        assertThat(kata("check", "frud-detection")).isEqualTo(2);

        assertThat(err.toString().strip())
                .isEqualTo(
                        "kata: unknown exercise 'frud-detection': did you mean fraud-detection? (all ids: catalogue.toml)");
    }

    @Test
    @DisplayName("bench names the closest id for an unknown one, and the lessons it measures for one it does not")
    void benchBadInput() {
        assertThat(kata("bench", "brodcast-join")).isEqualTo(2);
        assertThat(err.toString()).contains("did you mean broadcast-join?");

        assertThat(kata("bench", "fraud-detection")).isEqualTo(2);
        assertThat(err.toString())
                .contains("fraud-detection has no benchmark; these have: broadcast-join, skew-salting");

        assertThat(kata("bench", "broadcast-join", "--scale", "huge")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--scale': tiny, default or large, not huge");

        assertThat(kata("bench", "broadcast-join", "--cluster")).isEqualTo(2);
        assertThat(err.toString()).contains("no cluster runs: kata cluster start spark, or flink, starts one");
    }

    @Test
    @DisplayName("check runs the tests against the stub, fails, and records the progress")
    void checkStub() {
        assertThat(kata("check", "fraud-detection")).isEqualTo(1);
        assertThat(out.toString())
                .contains("FAIL the guide's four transactions raise exactly one alert, for u123 (")
                .contains("[fraud-detection] FraudDetector.processElement is not implemented yet")
                .contains("fraud-detection: 0 of 6 tests pass (track: exercises)");

        kata("list");
        assertThat(out.toString())
                .contains("fraud-detection        grade 2   30 min  failing 6 of 6 2026-01-02")
                .contains("0 of %d passed, 1 in progress, %d not started".formatted(exercises(), exercises() - 1));
    }

    @Test
    @DisplayName("check --solution runs the same tests against the reference and leaves the progress alone")
    void checkSolution() {
        assertThat(kata("check", "fraud-detection", "--solution")).isZero();
        assertThat(out.toString())
                .containsPattern("PASS main prints the guide's one alert \\(\\d+ ms\\)")
                .contains("fraud-detection: 6 of 6 tests pass (track: solutions)");

        kata("list");
        assertThat(out.toString()).contains("fraud-detection        grade 2   30 min  not started");
    }

    @Test
    @DisplayName("a solved stub passes and shows as passed with its date")
    void checkSolvedStub() throws IOException {
        solveStub();

        assertThat(kata("check", "fraud-detection")).isZero();
        kata("list");
        assertThat(out.toString())
                .contains("fraud-detection        grade 2   30 min  passed 2026-01-02")
                .contains("1 of %d passed, 0 in progress, %d not started".formatted(exercises(), exercises() - 1));
    }

    @Test
    @DisplayName("a stub that does not compile gets the compiler's file:line and message, not a crash")
    void compileError() throws IOException {
        Files.writeString(
                workspace.resolve(STUB),
                Files.readString(workspace.resolve(STUB))
                        .replace("throw new NotImplementedYet();", "undefinedHelper();"));

        assertThat(kata("check", "fraud-detection")).isEqualTo(1);
        assertThat(out.toString())
                .contains("fraud-detection does not compile:")
                .contains(STUB + ":")
                .contains("cannot find symbol");
    }

    @Test
    @DisplayName("a missing stub class never compiles against the reference's classes of the warm JVM")
    void referenceHiddenFromTheCompile() throws IOException {
        Files.delete(workspace.resolve(STUB));

        assertThat(kata("check", "fraud-detection")).isEqualTo(1);
        assertThat(out.toString()).contains("fraud-detection does not compile:", "cannot find symbol");
    }

    @Test
    @DisplayName("a deleted test class is reported in one line")
    void missingTestClass() throws IOException {
        Files.delete(workspace.resolve("src/test/java/katas/flink/fraud/FraudDetectorTest.java"));

        assertThat(kata("check", "fraud-detection", "--solution")).isEqualTo(1);
        assertThat(out.toString()).contains("no test of katas.flink.fraud.FraudDetectorTest could run");
    }

    @Test
    @DisplayName("hint reveals one more hint per call and remembers how many")
    void hints() throws IOException {
        assertThat(kata("hint", "fraud-detection")).isZero();
        assertThat(out.toString()).contains("Hint 1 of 3").doesNotContain("Hint 2 of 3");

        kata("hint", "fraud-detection");
        assertThat(out.toString()).contains("Hint 1 of 3", "Hint 2 of 3").doesNotContain("Hint 3 of 3");
        assertThat(Files.readString(workspace.resolve(".kata/progress.tsv"))).contains("fraud-detection\t0\t0\t\t2");

        kata("hint", "fraud-detection", "--all");
        assertThat(out.toString()).contains("Hint 3 of 3", "That was the last hint");
    }

    @Test
    @DisplayName("diff shows the stub against the reference, file by file")
    void diff() throws IOException {
        assertThat(kata("diff", "fraud-detection")).isZero();
        assertThat(out.toString())
                .contains(
                        "--- " + STUB,
                        "+++ " + SOLUTION,
                        "-        throw new NotImplementedYet();",
                        "+        lastTransaction.clear();");

        solveStub();
        kata("diff", "fraud-detection");
        assertThat(out.toString().strip()).isEqualTo("FraudDetector.java: same as the reference");
    }

    @Test
    @DisplayName("reset backs up the learner's files, then restores the untouched stub")
    void reset() throws IOException {
        Files.writeString(workspace.resolve(STUB), "// my work in progress\n");

        assertThat(kata("reset", "fraud-detection")).isZero();

        assertThat(workspace.resolve(STUB)).hasContent(generatedStub());
        Path backup = workspace.resolve(".kata/backups/fraud-detection/20260102-030405-000/FraudDetector.java");
        assertThat(backup).hasContent("// my work in progress");
        assertThat(out.toString()).contains(".kata/backups/fraud-detection/20260102-030405-000");
    }

    @Test
    @DisplayName("reset of an untouched stub changes nothing and makes no backup")
    void resetUntouched() {
        assertThat(kata("reset", "fraud-detection")).isZero();

        assertThat(out.toString()).contains("untouched; nothing to reset");
        assertThat(workspace.resolve(".kata/backups")).doesNotExist();
    }

    @Test
    @DisplayName("after a reset the exercise is no longer listed as passed")
    void resetForgetsProgress() throws IOException {
        solveStub();
        assertThat(kata("check", "fraud-detection")).isZero();

        kata("reset", "fraud-detection");
        kata("list");
        assertThat(out.toString()).contains("fraud-detection        grade 2   30 min  not started");
    }

    @Test
    @DisplayName("a reset whose stub cannot be generated changes nothing and says so")
    void resetWithBrokenSolution() throws IOException {
        Files.writeString(workspace.resolve(STUB), "// my work in progress\n");
        Files.writeString(
                workspace.resolve(SOLUTION),
                Files.readString(workspace.resolve(SOLUTION)).replaceFirst("// @kata:end", ""));

        assertThat(kata("reset", "fraud-detection")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot generate the stub of fraud-detection", "nothing was changed");
        assertThat(workspace.resolve(STUB)).hasContent("// my work in progress");
    }

    @Test
    @DisplayName("hints are shown without Markdown: no asterisks or backticks to read around")
    void hintsWithoutMarkdown() {
        kata("hint", "fraud-detection", "--all");

        assertThat(out.toString()).contains("Hint 1 of 3  Concept.").doesNotContain("**", "`");
    }

    @Test
    @DisplayName("diff compares with the reference without its markers")
    void diffWithoutMarkers() {
        kata("diff", "fraud-detection");

        assertThat(out.toString()).doesNotContain("@kata");
    }

    @Test
    @DisplayName("dev stubs --check names a stub that is not its generation; dev stubs writes it again")
    void devStubs() throws IOException {
        assertThat(kata("dev", "stubs", "--check")).isZero();

        Files.writeString(workspace.resolve(STUB), "// edited by hand\n");
        assertThat(kata("dev", "stubs", "--check")).isEqualTo(1);
        assertThat(out.toString())
                .contains(STUB + " is not what solutions/katas/flink/fraud/FraudDetector.java generates");

        assertThat(kata("dev", "stubs")).isZero();
        assertThat(workspace.resolve(STUB)).hasContent(generatedStub());
    }

    @Test
    @DisplayName("dev stubs --bare prints the stub without the imports that point at the API")
    void bareStub() {
        assertThat(kata("dev", "stubs", "--bare", "broadcast-join")).isZero();

        assertThat(out.toString()).contains("public final class BroadcastJoin").doesNotContain("functions.broadcast;");
    }

    @Test
    @DisplayName(
            "dev new scaffolds an exercise that is red on its stub, green on its solution, with variants that hold")
    void devNew() throws IOException {
        assertThat(kata(
                        "dev",
                        "new",
                        "demo-exercise",
                        "--class",
                        "katas.spark.demo.DemoExercise",
                        "--engine",
                        "spark",
                        "--title",
                        "A demonstration",
                        "--guide",
                        "1.1"))
                .isZero();

        assertThat(kata("check", "demo-exercise")).isEqualTo(1);
        assertThat(out.toString()).contains("DemoExercise.answer is not implemented yet");
        assertThat(kata("check", "demo-exercise", "--solution")).isZero();
        assertThat(kata("dev", "variants", "demo-exercise")).isZero();
        assertThat(Hints.read(project.hints())).containsKey("demo-exercise");
        assertThat(Questions.read(project.questions()).keySet())
                .as("its follow-up questions go before the general ones")
                .endsWith("demo-exercise", Questions.GENERAL);
        assertThat(ReadmeTable.in(Files.readString(project.readme())))
                .contains("| `demo-exercise` | spark | 2 | 20 | 1.1 |");
        assertThat(kata(
                        "dev",
                        "new",
                        "demo-exercise",
                        "--class",
                        "katas.spark.other.Other",
                        "--engine",
                        "spark",
                        "--title",
                        "t",
                        "--guide",
                        "1"))
                .as("the same id again")
                .isEqualTo(2);
        assertThat(kata(
                        "dev",
                        "new",
                        "x-y",
                        "--class",
                        "katas.spark.x.Y",
                        "--engine",
                        "kafka",
                        "--title",
                        "t",
                        "--guide",
                        "1"))
                .as("an unknown engine")
                .isEqualTo(2);
    }

    @Test
    @DisplayName("a damaged progress file is reported in one line and the command goes on")
    void damagedProgress() throws IOException {
        Files.createDirectories(workspace.resolve(".kata"));
        Files.writeString(workspace.resolve(".kata/progress.tsv"), "fraud-detection\tnot-a-number\n");

        assertThat(kata("list")).isZero();
        assertThat(err.toString()).contains("progress.tsv:1 is damaged and was skipped");
        assertThat(out.toString()).contains("0 of %d passed".formatted(exercises()));
    }

    @Test
    @DisplayName("an unreadable progress file is reported and the command goes on from no progress")
    void unreadableProgress() throws IOException {
        Files.createDirectories(workspace.resolve(".kata/progress.tsv")); // a folder where the file should be

        assertThat(kata("list")).isZero();
        assertThat(err.toString()).contains("cannot read").contains("starting from no progress");
    }

    @Test
    @DisplayName("watch without an id, when every exercise has passed, asks for one")
    void watchWhenAllPassed() throws IOException {
        StringBuilder progress = new StringBuilder();
        for (String id : Catalogue.load(workspace.resolve("catalogue.toml")).ids()) {
            progress.append(id).append("\t6\t6\t2026-01-02\t0\n");
        }
        Files.createDirectories(workspace.resolve(".kata"));
        Files.writeString(workspace.resolve(".kata/progress.tsv"), progress);

        assertThat(kata("watch")).isEqualTo(2);
        assertThat(err.toString()).contains("every exercise has passed; name one to watch: kata watch <id>");
    }

    @Test
    @DisplayName("run reports a stub that does not compile instead of starting it")
    void runCompileError() throws IOException {
        Files.writeString(workspace.resolve(STUB), "class Broken {");

        assertThat(kata("run", "fraud-detection")).isEqualTo(1);
        assertThat(out.toString()).contains("fraud-detection does not compile:");
    }

    @Test
    @DisplayName("doctor checks the JDK and Spark's flags, one line each")
    void doctor() {
        int status = kata("doctor");

        assertThat(out.toString())
                .contains("ok   JDK 17", "ok   Spark's --add-opens flags in effect", "ok   Java compiler available");
        assertThat(out.toString().lines())
                .hasSize(8)
                .allMatch(line -> line.startsWith("ok   ") || line.startsWith("fix  "));
        assertThat(status).isEqualTo(out.toString().contains("fix  ") ? 1 : 0);
    }

    @Test
    @DisplayName("run starts the exercise's main in its own JVM: the stub stops, the reference runs")
    void run() {
        assertThat(kata("run", "fraud-detection"))
                .as("the untouched stub's main")
                .isEqualTo(1);
        assertThat(kata("run", "fraud-detection", "--solution"))
                .as("the reference main")
                .isZero();
    }

    @Test
    @DisplayName("run --cluster says why it cannot: a main for one JVM only, no cluster started, a deploy mode unknown")
    void runOnAClusterRefused() throws IOException {
        Files.writeString(
                workspace.resolve(Catalogue.FILE_NAME),
                Files.readString(workspace.resolve(Catalogue.FILE_NAME))
                        .replace(
                                "test = \"katas.flink.fraud.FraudDetectorTest\"\n",
                                "test = \"katas.flink.fraud.FraudDetectorTest\"\nlocal-only = \"it reads what it left here\"\n"));
        assertThat(kata("run", "fraud-detection", "--solution", "--cluster")).isEqualTo(2);
        assertThat(err.toString())
                .contains("fraud-detection runs in one JVM only: it reads what it left here (kata run fraud-detection "
                        + "runs it here)");

        assertThat(kata("run", "etl-purchase-summary", "--solution", "--cluster"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("The Spark standalone cluster is not running: kata cluster start spark starts it");
        assertThat(kata("run", "etl-purchase-summary", "--solution", "--cluster", "--deploy-mode", "yarn"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--deploy-mode is client or cluster, not yarn");
        assertThat(workspace.resolve("target/jobs")).doesNotExist();
    }

    /** A watch running in the background, typed to through a pipe; its runs and warm-ups arrive in queues. */
    private final class BackgroundWatch implements AutoCloseable {
        final BlockingQueue<Outcome> runs = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> warmUps = new LinkedBlockingQueue<>();
        private final PipedOutputStream keyboard = new PipedOutputStream();
        private final Kata kata = new Kata(project, CLOCK, Ansi.OFF);
        private final BlockingQueue<WatchLoop> loops = new LinkedBlockingQueue<>();
        private final ExecutorService background = Executors.newSingleThreadExecutor();
        private final Future<Integer> exitCode;

        BackgroundWatch(String... args) throws IOException {
            this(null, args);
        }

        BackgroundWatch(java.io.InputStream keys, String... args) throws IOException {
            kata.watchHooks(new WatchCommand.Hooks(
                    keys != null ? keys : new PipedInputStream(keyboard), runs::add, warmUps::add, loops::add));
            exitCode = background.submit(() -> kata(kata, args));
        }

        void type(String line) throws IOException {
            keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        int quit() throws Exception {
            type("q");
            return exitCode.get(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            WatchLoop loop = loops.poll(60, TimeUnit.SECONDS);
            if (loop != null) {
                loop.stop();
            }
            background.shutdownNow();
            background.awaitTermination(60, TimeUnit.SECONDS);
            kata.close();
        }
    }

    @Test
    @DisplayName("questions wait for a green exercise, then ask, show the reference and record the learner's grade")
    void questions() {
        assertThat(kata("questions", "fraud-detection")).isEqualTo(2);
        assertThat(err.toString()).contains("the questions of fraud-detection come once it is green");

        Progress.load(project.progress()).recordCheck("fraud-detection", 6, 6, LocalDate.of(2026, 1, 2));
        Kata kata = new Kata(project, CLOCK, Ansi.OFF);
        kata.input(new StringReader("a timer can emit,\nTTL only forgets\n\nseven\n4\n"));
        assertThat(kata(kata, "questions", "fraud-detection")).isZero();

        assertThat(out.toString())
                .contains(
                        "Question 1 of 1  State TTL or a timer",
                        "Reference  A timer follows event time",
                        "a number from 1 to 5, please",
                        "Graded 1 of 1 answers: [4]");
        assertThat(new SelfGrades(project.selfGrades()).all())
                .containsExactly(new SelfGrades.Grade(
                        LocalDate.of(2026, 1, 2),
                        "fraud-detection",
                        "State TTL or a timer to clear a user's state?",
                        4));
    }

    @Test
    @DisplayName("watch re-runs when a file is saved, reports passed with the next id, re-runs on Enter and quits on q")
    void watch() throws Exception {
        try (BackgroundWatch watch = new BackgroundWatch("watch", "fraud-detection", "--poll-ms", "20")) {
            assertThat(nextRun(watch.runs).allPassed())
                    .as("first run, on the stub")
                    .isFalse();

            saveByRename(workspace.resolve(STUB), solution());
            assertThat(nextRun(watch.runs).tests())
                    .as("after saving the solved file")
                    .allMatch(Outcome.TestResult::passed);

            saveByRename(workspace.resolve(STUB), generatedStub());
            assertThat(nextRun(watch.runs).allPassed())
                    .as("after saving the stub back")
                    .isFalse();

            watch.type("");
            assertThat(nextRun(watch.runs)).as("Enter re-runs by hand").isNotNull();

            assertThat(watch.quit()).isZero();
        }
        List<String> ids =
                Catalogue.load(workspace.resolve(Catalogue.FILE_NAME)).ids();
        String following = ids.get((ids.indexOf("fraud-detection") + 1) % ids.size()); // nothing is solved yet
        assertThat(out.toString()).contains("passed — next: kata watch " + following, "change seen, running again");
    }

    @Test
    @DisplayName("watch warms up with silent runs of the reference: nothing of them is shown or recorded")
    void watchWarmsUpSilently() throws Exception {
        try (BackgroundWatch watch =
                new BackgroundWatch("watch", "fraud-detection", "--poll-ms", "20", "--warm-up", "2")) {
            assertThat(nextRun(watch.runs).allPassed())
                    .as("the learner's run, on the stub")
                    .isFalse();
            assertThat(watch.warmUps.poll(120, TimeUnit.SECONDS))
                    .as("warm-up runs, within the bound")
                    .isEqualTo(2);

            assertThat(watch.quit()).isZero();
            assertThat(watch.runs).as("warm-up runs are not reported as runs").isEmpty();
        }
        assertThat(out.toString())
                .contains(
                        "(warmed up: 2 silent runs of the reference in ",
                        "fraud-detection: 0 of 6 tests pass (track: exercises)")
                .doesNotContain("PASS", "track: solutions");
        assertThat(kata("list")).isZero();
        assertThat(out.toString()).contains("fraud-detection        grade 2   30 min  failing 6 of 6 2026-01-02");
    }

    @Test
    @DisplayName("watch goes on re-running on saves when its standard input is at its end")
    void watchWithoutKeys() throws Exception {
        try (BackgroundWatch watch = new BackgroundWatch(
                new java.io.ByteArrayInputStream(new byte[0]),
                "watch",
                "fraud-detection",
                "--poll-ms",
                "20",
                "--warm-up",
                "0")) {
            assertThat(nextRun(watch.runs).allPassed())
                    .as("first run, on the stub")
                    .isFalse();

            saveByRename(workspace.resolve(STUB), solution());
            assertThat(nextRun(watch.runs).allPassed())
                    .as("after a save, with no keyboard")
                    .isTrue();
        }
    }

    @Test
    @DisplayName(
            "a class cast between two compiles of an exercise makes watch restart its JVM; the learner's own bug does not")
    void mixedClassLoadersDetected() {
        Outcome.TestsRan crossLoader = new Outcome.TestsRan(List.of(new Outcome.TestResult(
                "t",
                false,
                "ClassCastException: class katas.flink.fraud.FraudDetector cannot be cast to class katas.flink.fraud.FraudDetector",
                1,
                false)));
        Outcome.TestsRan learnerBug = new Outcome.TestsRan(List.of(new Outcome.TestResult(
                "t",
                false,
                "ClassCastException: class java.lang.String cannot be cast to class java.lang.Long",
                1,
                false)));

        assertThat(WatchCommand.mixedClassLoaders(crossLoader)).isTrue();
        assertThat(WatchCommand.mixedClassLoaders(learnerBug)).isFalse();
    }

    @Test
    @DisplayName("cluster: an engine it does not know is one line and exit code 2; with none running, status and "
            + "stop say so")
    void clusterWithoutCluster() {
        assertThat(kata("cluster", "start", "hadoop")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kata: kata cluster start takes spark or flink, not hadoop\n");

        assertThat(kata("cluster", "status")).isZero();
        assertThat(out.toString()).isEqualTo("spark: not running\nflink: not running\n");

        assertThat(kata("cluster", "stop")).isZero();
        assertThat(out.toString()).isEqualTo("No cluster runs\n");
        assertThat(kata("cluster", "stop", "flink")).isZero();
        assertThat(out.toString()).isEqualTo("No cluster runs for flink\n");
    }

    @Test
    @DisplayName("cluster: what a crash left is reported as lost, never kills a process that is not the cluster's, "
            + "and stop removes it")
    void clusterLeftByACrash() throws IOException {
        ClusterKind spark = ClusterKind.named("spark").orElseThrow();
        Path folder = Files.createDirectories(
                        LocalCluster.folder(workspace, spark).resolve("logs"))
                .getParent();
        long notOurs = ProcessHandle.current().pid(); // an id that another process has now
        new ClusterState(
                        "spark",
                        folder,
                        notOurs,
                        Map.of("master", notOurs),
                        Map.of("master", Ports.anyFree(), "master-ui", Ports.anyFree(), "worker-ui", Ports.anyFree()),
                        Instant.parse("2026-01-02T03:00:00Z"))
                .save(LocalCluster.stateFile(workspace, spark));

        assertThat(kata("cluster", "status")).isEqualTo(1);
        assertThat(out.toString())
                .startsWith("spark: lost a process, started at ")
                .contains("its logs are in .kata/cluster/spark/logs", "flink: not running");

        assertThat(kata("cluster", "stop", "spark")).isZero();
        assertThat(out.toString()).startsWith("Stopped the Spark standalone cluster: 0 processes, ports ");
        assertThat(workspace.resolve(".kata/cluster")).doesNotExist();
    }

    @Test
    @DisplayName("cluster: one that runs is not started twice, status asks its REST API, stop ends its processes")
    void clusterRunning() throws Exception {
        ClusterKind flink = ClusterKind.named("flink").orElseThrow();
        Path folder = LocalCluster.folder(workspace, flink);
        // A stand-in for the supervisor: its command names the cluster's folder, as the real one's does, and it
        // stops its child at a SIGTERM.
        Process supervisor = new ProcessBuilder(
                        "sh", "-c", "trap 'kill $!; exit' TERM; sleep 120 & wait", "-Dkata.cluster=" + folder)
                .start();
        try {
            Files.createDirectories(folder);
            int rest = Ports.anyFree();
            new ClusterState(
                            "flink",
                            folder,
                            supervisor.pid(),
                            Map.of("jobmanager", supervisor.pid()),
                            Map.of("rpc", Ports.anyFree(), "rest", rest),
                            Instant.parse("2026-01-02T03:00:00Z"))
                    .save(LocalCluster.stateFile(workspace, flink));

            assertThat(kata("cluster", "start", "flink")).isZero();
            assertThat(out.toString())
                    .startsWith("The Flink standalone session runs already (kata cluster stop flink stops it)\n")
                    .contains("http://127.0.0.1:" + rest);

            assertThat(kata("cluster", "status")).isZero();
            assertThat(out.toString())
                    .contains("flink: starting, started at ", "processes supervisor " + supervisor.pid());

            assertThat(kata("cluster", "stop")).isZero();
            assertThat(out.toString()).startsWith("Stopped the Flink standalone session: 2 processes, ports ");
            assertThat(supervisor.isAlive()).isFalse();
            assertThat(workspace.resolve(".kata/cluster")).doesNotExist();
        } finally {
            supervisor.destroyForcibly();
        }
    }

    private static Outcome.TestsRan nextRun(BlockingQueue<Outcome> runs) throws InterruptedException {
        Outcome outcome = runs.poll(120, TimeUnit.SECONDS);
        assertThat(outcome).as("a run within the bound").isInstanceOf(Outcome.TestsRan.class);
        return (Outcome.TestsRan) outcome;
    }

    /**
     * Saves as many editors do: a new file, then a rename over the old one. Atomic, so the watcher never
     * sees a half-written file; the time moves on so the change is seen within any file-time resolution.
     */
    private void saveByRename(Path target, String content) throws IOException {
        Path written = Files.writeString(workspace.resolve("editor-save.tmp"), content);
        Files.setLastModifiedTime(
                written, FileTime.fromMillis(Files.getLastModifiedTime(target).toMillis() + 2_000));
        Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
