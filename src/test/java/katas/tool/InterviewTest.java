package katas.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import katas.support.Catalogue;
import katas.tool.interview.Interview;
import katas.tool.interview.InterviewHistory;
import katas.tool.interview.Interviews;
import katas.tool.interview.Practice;
import katas.tool.interview.Report;
import katas.tool.interview.Selection;
import katas.tool.source.Stubs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** Mock interviews end to end on a copy of the project, with a clock the test moves: never a sleep. */
class InterviewTest {

    private static final Instant T0 = Instant.parse("2026-01-02T10:00:00Z");
    private static final String STUB = "exercises/katas/flink/fraud/FraudDetector.java";

    @TempDir
    Path workspace;

    private Project project;
    private final MovableClock clock = new MovableClock(T0);
    private StringWriter out;
    private StringWriter err;

    /** A clock that stands still until the test moves it, or until it is read after {@link #thenAt}. */
    static final class MovableClock extends Clock {
        private Instant now;
        private Instant afterNextRead;

        MovableClock(Instant now) {
            this.now = now;
        }

        void at(Duration sinceStart) {
            now = T0.plus(sinceStart);
        }

        /** Where the clock stands once it has been read once more: time that passes during a run. */
        void thenAt(Duration sinceStart) {
            afterNextRead = T0.plus(sinceStart);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            if (afterNextRead != null) {
                now = afterNextRead;
                afterNextRead = null;
            }
            return now;
        }
    }

    /** The copy's catalogue keeps two exercises: a Flink one of grade 2 and 30 minutes, and a Spark warm-up. */
    @BeforeEach
    void copyProject() throws IOException {
        project = TestProjects.copy(workspace, "katas/flink/fraud", "katas/spark/etl");
        Path catalogue = workspace.resolve(Catalogue.FILE_NAME);
        String kept = Arrays.stream(Files.readString(catalogue).split("\n\\[\\[exercise]]\n"))
                .filter(block -> block.startsWith("#")
                        || block.contains("id = \"fraud-detection\"")
                        || block.contains("id = \"etl-purchase-summary\""))
                .collect(Collectors.joining("\n[[exercise]]\n"));
        Files.writeString(catalogue, kept + "\n");
    }

    private int typing(String typed, String... args) {
        Kata kata = new Kata(project, clock, Ansi.OFF);
        kata.input(new StringReader(typed));
        out = new StringWriter();
        err = new StringWriter();
        CommandLine commandLine = Kata.commandLine(kata);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        try {
            return commandLine.execute(args);
        } finally {
            kata.close();
        }
    }

    private int kata(String... args) {
        return typing("", args);
    }

    private Interview saved() {
        return new Interviews(project).current().orElseThrow();
    }

    @Test
    @DisplayName("the same seed picks the same exercises, within the time, never-solved ones first")
    void selection() {
        Catalogue full = Catalogue.load(Catalogue.projectRoot().resolve(Catalogue.FILE_NAME));
        Progress none = Progress.load(workspace.resolve("none.tsv"));

        List<Catalogue.Exercise> picked = Selection.pick(full, none, "both", 3, 45, 42);
        assertThat(picked).isEqualTo(Selection.pick(full, none, "both", 3, 45, 42));
        assertThat(picked.stream().mapToInt(Catalogue.Exercise::minutes).sum()).isLessThanOrEqualTo(45);
        assertThat(picked).allMatch(exercise -> exercise.grade() == 2 || exercise.grade() == 3);

        Progress solvedFirst = Progress.load(workspace.resolve("solved.tsv"));
        solvedFirst.recordCheck(picked.get(0).id(), 5, 5, LocalDate.of(2026, 1, 1));
        assertThat(Selection.pick(full, solvedFirst, "both", 3, 45, 42))
                .as("once solved, it gives way to the never-solved")
                .doesNotContain(picked.get(0));
    }

    @Test
    @DisplayName("a grade-N interview on both engines holds a grade-N exercise and both engines, or names the minutes")
    void selectionHoldsTheGradeAndBothEngines() {
        Catalogue full = Catalogue.load(Catalogue.projectRoot().resolve(Catalogue.FILE_NAME));
        Progress none = Progress.load(workspace.resolve("none.tsv"));
        for (int[] gradeAndMinutes : new int[][] {{3, 60}, {4, 90}}) {
            int grade = gradeAndMinutes[0];
            int minutes = gradeAndMinutes[1];
            for (long seed = 1; seed <= 10; seed++) {
                List<Catalogue.Exercise> picked = Selection.pick(full, none, "both", grade, minutes, seed);
                assertThat(picked)
                        .as("grade %d, %d minutes, seed %d: %s", grade, minutes, seed, picked)
                        .anyMatch(exercise -> exercise.grade() == grade)
                        .anyMatch(exercise -> exercise.engine().usesSpark())
                        .anyMatch(exercise -> exercise.engine().usesFlink())
                        .allMatch(exercise -> exercise.grade() >= grade - 1 && exercise.grade() <= grade);
                assertThat(picked.stream().mapToInt(Catalogue.Exercise::minutes).sum())
                        .isLessThanOrEqualTo(minutes);
            }
        }
        // The shortest grade-4 pair: a 40-minute Flink exercise and a 30-minute one on Spark.
        assertThatThrownBy(() -> Selection.pick(full, none, "both", 4, 60, 1))
                .isInstanceOf(KataProblem.class)
                .hasMessage("a grade-4 interview on both engines needs 70 minutes at least, not 60:"
                        + " kata interview start --engine both --grade 4 --minutes 70");
        assertThatThrownBy(() -> Selection.pick(full, none, "spark", 4, 90, 1))
                .isInstanceOf(KataProblem.class)
                .hasMessageStartingWith("no exercise can make a grade-4 interview on spark");
    }

    @Test
    @DisplayName(
            "an interview: start, bare stub, counted hints and runs, warnings, resume, time up, submit, report, restore")
    void endToEnd() throws IOException {
        Files.writeString(workspace.resolve(STUB), "// my work before the interview\n");

        assertThat(kata("interview", "start", "--engine", "flink", "--grade", "2", "--minutes", "30", "--seed", "7"))
                .isZero();
        assertThat(out.toString())
                .contains(
                        "Mock interview: 30 minutes, grade 2, flink",
                        "fraud-detection (grade 2, 30 min)",
                        "30:00 left of 30:00");
        assertThat(Files.readString(workspace.resolve(STUB)))
                .as("a bare stub: the task and the signatures, without the imports that give the approach away")
                .isEqualTo(Stubs.generateBare(project, project.catalogue().require("fraud-detection"))
                        .get("katas/flink/fraud/FraudDetector.java"));

        assertThat(kata("diff", "fraud-detection")).isEqualTo(2);
        assertThat(err.toString()).contains("kata diff is off for fraud-detection while the interview runs");
        assertThat(kata("check", "fraud-detection", "--solution")).isEqualTo(2);

        assertThat(kata("hint", "fraud-detection")).isZero();
        clock.at(Duration.ofMinutes(10));
        Files.writeString(
                workspace.resolve(STUB),
                TestProjects.cleanSolution(project, "fraud-detection", "katas/flink/fraud/FraudDetector.java"));
        assertThat(kata("check", "fraud-detection")).isZero();
        assertThat(out.toString()).as("each run ends with the clock").contains("interview: 20:00 left of 30:00");
        assertThat(saved().task("fraud-detection").orElseThrow())
                .extracting(Interview.Task::runs, Interview.Task::hints, Interview.Task::solvedAtMillis)
                .containsExactly(1, 1, T0.plus(Duration.ofMinutes(10)).toEpochMilli());

        clock.at(Duration.ofMinutes(23));
        assertThat(kata("interview", "status")).isZero();
        assertThat(out.toString())
                .contains("7:00 left of 30:00", "warning: a quarter of the time is left", "solved, 1 runs, 1 hints");
        assertThat(kata("interview", "status")).isZero();
        assertThat(out.toString()).as("each warning once").doesNotContain("warning");

        assertThat(kata("interview", "start"))
                .as("a killed process, then start again")
                .isZero();
        assertThat(out.toString()).contains("Resuming the interview", "7:00 left of 30:00");
        assertThat(new Interviews(project).nextAfter("fraud-detection"))
                .as("a pass under watch, in an interview of one exercise")
                .contains("kata interview submit");
        assertThat(new Interviews(project).nextAfter("broadcast-join")).isEmpty();
        assertThat(kata("interview", "start", "--minutes", "90", "--grade", "4"))
                .as("options given while an interview runs")
                .isNotZero();
        assertThat(err.toString()).contains("an interview is under way (30 minutes, grade 2, flink)");

        clock.at(Duration.ofMinutes(25));
        assertThat(typing("a timer can emit\n\n4\n", "interview", "submit")).isZero();
        assertThat(out.toString())
                .contains("Score: ", "correctness   35.0 of 35", "lesson        20.0 of 20", "1 of 3 taken")
                .contains("time           5.0 of 20  25:00 of 30:00: all of it within a third of the budget")
                .contains("Question 1 of", "Report: .kata/interviews/")
                .doesNotContain("(late)");
        Path folder = project.interviews().resolve(saved().id());
        assertThat(Files.readString(folder.resolve("report.md")))
                .as("10 minutes from the start to the run that solved it: the rest of the time came after")
                .contains("| `fraud-detection` | 2 | 30:00 | 10:00 | 6 of 6 | 1 | 1 |", "**4 of 5**");
        assertThat(Files.readString(folder.resolve("report.html"))).contains("<svg id='time-chart'", ">minutes</text>");

        assertThat(kata("history")).isZero();
        assertThat(out.toString()).contains(saved().id(), "on time", "fraud-detection");

        assertThat(kata("interview", "start"))
                .as("a new one before restoring the last")
                .isEqualTo(2);
        assertThat(err.toString()).contains("its files not yet restored: kata interview restore");
        assertThat(kata("interview", "restore")).isZero();
        assertThat(Files.readString(workspace.resolve(STUB))).isEqualTo("// my work before the interview\n");
        assertThat(project.interview()).doesNotExist();
        assertThat(kata("diff", "fraud-detection"))
                .as("the reference is open again")
                .isNotEqualTo(2);
        assertThat(kata("list")).isZero();
        assertThat(out.toString())
                .as("the interview's runs were of the bare stub, not of the file now back in place")
                .containsPattern("fraud-detection +grade 2 +30 min +not started");
    }

    @Test
    @DisplayName("time runs out while a check runs: that run does not count, and the interview submits itself")
    void timeUpDuringARun() throws IOException {
        assertThat(kata("interview", "start", "--engine", "flink", "--grade", "2", "--minutes", "30", "--seed", "7"))
                .isZero();
        Files.writeString(
                workspace.resolve(STUB),
                TestProjects.cleanSolution(project, "fraud-detection", "katas/flink/fraud/FraudDetector.java"));

        clock.at(Duration.ofMinutes(29).plusSeconds(59));
        clock.thenAt(Duration.ofMinutes(30).plusSeconds(30)); // the run ends after the deadline
        kata("check", "fraud-detection");

        assertThat(out.toString())
                .contains(
                        "The interview's time is up: it submits itself with the results of the runs made in time",
                        "Score: 0 of 100 (time up)",
                        "30:00 of 30:00, time up");
        Interview submitted = saved();
        assertThat(submitted.timeUp()).isTrue();
        assertThat(submitted.submittedAtMillis()).isEqualTo(submitted.deadline().toEpochMilli());
        assertThat(submitted.task("fraud-detection").orElseThrow().runs())
                .as("the late run is not the interview's")
                .isZero();
        assertThat(kata("interview", "status")).isEqualTo(2);
        assertThat(kata("history")).isZero();
        assertThat(out.toString()).contains("time up");
    }

    @Test
    @DisplayName("the time up and nothing run since: the first status submits it with the runs made in time")
    void timeUpAtStatus() throws IOException {
        assertThat(kata("interview", "start", "--engine", "flink", "--grade", "2", "--minutes", "30", "--seed", "7"))
                .isZero();
        clock.at(Duration.ofMinutes(20));
        Files.writeString(
                workspace.resolve(STUB),
                TestProjects.cleanSolution(project, "fraud-detection", "katas/flink/fraud/FraudDetector.java"));
        assertThat(kata("check", "fraud-detection")).isZero();
        clock.at(Duration.ofMinutes(31));
        Files.writeString(workspace.resolve(STUB), "late work that does not compile");

        assertThat(kata("interview", "status")).isZero();
        assertThat(out.toString())
                .contains("it submits itself", "correctness   35.0 of 35", "follow-ups     0.0 of 15  0 of 3 answered");
        assertThat(saved().timeUp()).isTrue();
    }

    @Test
    @DisplayName("a submit after the time, with no run since: late, and no time points")
    void lateSubmit() throws IOException {
        assertThat(kata("interview", "start", "--engine", "flink", "--grade", "2", "--minutes", "30", "--seed", "7"))
                .isZero();
        Files.writeString(
                workspace.resolve(STUB),
                TestProjects.cleanSolution(project, "fraud-detection", "katas/flink/fraud/FraudDetector.java"));
        clock.at(Duration.ofMinutes(31));

        assertThat(typing("\n\n\n", "interview", "submit")).isZero();
        assertThat(out.toString()).contains("(late)", "time           0.0 of 20  31:00 of 30:00, late");
        assertThat(saved().timeUp()).isFalse();
    }

    @Test
    @DisplayName(
            "calibration: the reference in 5 minutes scores clearly above the reference in 45; no follow-up, no 100")
    void calibration() throws IOException {
        String fullMarks = "a timer can emit\n\n5\n".repeat(3);
        assertThat(scoreOfReferenceSolvedAt(Duration.ZERO, Duration.ofMinutes(5), fullMarks))
                .isEqualTo(100);
        assertThat(scoreOfReferenceSolvedAt(Duration.ofHours(1), Duration.ofMinutes(45), fullMarks))
                .isBetween(80, 90);
        assertThat(scoreOfReferenceSolvedAt(Duration.ofHours(2), Duration.ofMinutes(5), "\n\n\n"))
                .isEqualTo(85);
    }

    /** A 60-minute interview, started at {@code start}, whose exercise gets the reference {@code solvedAfter}, submitted then. */
    private int scoreOfReferenceSolvedAt(Duration start, Duration solvedAfter, String typedAnswers) throws IOException {
        clock.at(start);
        assertThat(kata("interview", "start", "--engine", "flink", "--grade", "2", "--minutes", "60", "--seed", "7"))
                .isZero();
        clock.at(start.plus(solvedAfter));
        Files.writeString(
                workspace.resolve(STUB),
                TestProjects.cleanSolution(project, "fraud-detection", "katas/flink/fraud/FraudDetector.java"));
        assertThat(kata("check", "fraud-detection")).isZero();
        assertThat(typing(typedAnswers, "interview", "submit")).isZero();
        String score = out.toString().replaceAll("(?s).*Score: (\\d+) of 100.*", "$1");
        assertThat(kata("interview", "restore")).isZero();
        return Integer.parseInt(score);
    }

    @Test
    @DisplayName("time per exercise: each run or hint adds the time since the previous one to its exercise")
    void timePerExercise() {
        Interview.Task a = new Interview.Task(
                "a", 20, 2, 2, 0, 5, 5, 1, 1, T0.plusSeconds(900).toEpochMilli(), List.of());
        Interview.Task b = new Interview.Task("b", 20, 2, 1, 0, 0, 5, 0, 1, null, List.of());
        Interview interview = new Interview(
                "i",
                7,
                "both",
                2,
                40,
                T0.toEpochMilli(),
                List.of(a, b),
                Map.of(),
                List.of(),
                null,
                Map.of(),
                null,
                false);
        // a run at 5:00 and at 15:00 (solved), b at 25:00; submitted at 40:00
        Interview worked = interview
                .withActivity("a", T0.plusSeconds(300).toEpochMilli())
                .withActivity("a", T0.plusSeconds(900).toEpochMilli())
                .withActivity("b", T0.plusSeconds(1500).toEpochMilli());
        assertThat(Report.timePerTask(worked, T0.plusSeconds(2400).toEpochMilli()))
                .as("a: 15:00 from the start to its last run; b: 10:00 to its run and 15:00 after, being unsolved")
                .containsExactly(Duration.ofMinutes(15), Duration.ofMinutes(25));
    }

    @Test
    @DisplayName("nothing solved earns nothing, and what failed in an interview comes first in what to practise next")
    void failedInterview() {
        assertThat(kata("interview", "start", "--engine", "flink", "--grade", "2", "--minutes", "30", "--seed", "7"))
                .isZero();
        clock.at(Duration.ofMinutes(5));

        assertThat(typing("\n\n\n", "interview", "submit")).isZero();
        assertThat(out.toString())
                .contains(
                        "Running the tests of fraud-detection (1 of 1)...",
                        "0 of 6 tests pass",
                        "  FAIL ",
                        "An empty answer scores nothing",
                        "Score: 0 of 100",
                        "0 of 3 taken, times the correctness",
                        "follow-ups     0.0 of 15  0 of 3 answered");
        assertThat(kata("interview", "restore")).isZero();

        assertThat(kata("interview", "next")).isZero();
        assertThat(out.toString().lines().skip(1).findFirst())
                .contains("  fraud-detection (grade 2, 30 min): 0 of 6 tests in the interview of 2026-01-02");
    }

    @Test
    @DisplayName("once a grade-3 interview passed every test, next suggests new work of grade 3 or above")
    void nextAtTheLevelLastPassed() {
        Catalogue full = Catalogue.load(Catalogue.projectRoot().resolve(Catalogue.FILE_NAME));
        Progress none = Progress.load(workspace.resolve("none.tsv"));
        String gradeThree = full.exercises().stream()
                .filter(exercise -> exercise.grade() == 3)
                .findFirst()
                .orElseThrow()
                .id();
        Interview passed = new Interview(
                "i",
                7,
                "both",
                3,
                45,
                T0.toEpochMilli(),
                List.of(new Interview.Task(gradeThree, 45, 3, 1, 0, 4, 4, 2, 2, T0.toEpochMilli(), List.of())),
                Map.of(),
                List.of(),
                T0.plusSeconds(600).toEpochMilli(),
                Map.of(),
                null,
                false);
        LocalDate today = LocalDate.of(2026, 1, 3);

        assertThat(Practice.next(full, none, List.of(), today, 3))
                .as("before: the easiest first")
                .anyMatch(line -> line.contains("(grade 1,"));
        assertThat(Practice.next(full, none, List.of(passed), today, 5))
                .hasSize(5)
                .allMatch(line -> line.matches(".*\\(grade [34],.*"), "grade 3 or 4");
    }

    @Test
    @DisplayName("the report as a page: tables, the rubric, what failed and why, answer beside reference, a chart")
    void reportPage() throws IOException {
        assertThat(kata("interview", "start", "--engine", "flink", "--grade", "2", "--minutes", "30", "--seed", "7"))
                .isZero();
        clock.at(Duration.ofMinutes(40)); // 10 minutes over the exercise's budget of 30
        String answer = "a timer <script>alert(1)</script> | `emits` & TTL **never**";
        assertThat(typing(answer + "\n\n3\n", "interview", "submit")).isZero();

        Path folder = project.interviews().resolve(saved().id());
        String markdown = Files.readString(folder.resolve("report.md"));
        assertThat(markdown)
                .contains("## Failing tests", "### `fraud-detection`: 6 of 6 fail", "not implemented yet")
                .contains("| question | your answer | reference | grade |", "\\| \\`emits\\` \\& TTL \\*\\*never")
                .contains("| **3 of 5** |");
        String reference = Questions.read(project.questions())
                .get("fraud-detection")
                .get(0)
                .answer();
        String html = Files.readString(folder.resolve("report.html"));
        assertThat(html)
                .as("the exercises, the rubric and the follow-ups as tables")
                .containsPattern("(?s)(<table>.*){3}")
                .contains("<td><code>fraud-detection</code></td>")
                .contains("<td>correctness</td>", "<td>lesson</td>", "<td>time</td>", "<td>hints</td>")
                .contains("<td>follow-ups</td>");
        assertThat(html)
                .as("each failing test, named, with its message")
                .contains("<h3><code>fraud-detection</code>: 6 of 6 fail</h3>")
                .containsPattern(
                        "<li><strong>[^<]+</strong>: \\[fraud-detection\\] FraudDetector\\.\\w+ is not implemented yet");
        assertThat(saved().task("fraud-detection").orElseThrow().failures())
                .hasSize(6)
                .allMatch(failure -> failure.message().contains("is not implemented yet"));
        assertThat(html)
                .as("the learner's answer shown as typed, never run, beside the reference")
                .contains("<td>a timer &lt;script&gt;alert(1)&lt;/script&gt; | `emits` &amp; TTL **never**</td>")
                .doesNotContain("<script")
                .contains(reference.substring(0, 40), "<td><strong>3 of 5</strong></td>");
        assertThat(html)
                .as("the chart: inline SVG, minutes on an axis, the exercise on the other, a legend")
                .contains("<svg id='time-chart'", ">minutes</text>", ">exercise</text>", ">fraud-detection</text>")
                .contains(">budget</text>", ">used</text>", ">over</text>")
                .as("the bars' minutes: 30 of budget, 30 within it, 10 over")
                .contains(">30</text>", ">10</text>");

        ObjectNode older =
                (ObjectNode) new ObjectMapper().readTree(project.interview().toFile());
        older.withArray("tasks").forEach(task -> ((ObjectNode) task).remove("failures"));
        Files.writeString(project.interview(), older.toString());
        assertThat(saved().task("fraud-detection").orElseThrow().failures())
                .as("an interview saved before failures were kept")
                .isEmpty();
    }

    @Test
    @DisplayName("history --html: a page with the score per grade and engine over time, abandoned ones left out")
    void historyPage() throws IOException {
        Files.createDirectories(project.interviews());
        Files.writeString(project.interviews().resolve("history.tsv"), """
                2025-12-01T09-00-00Z\t45\t40\ton time\tbroadcast-join
                2026-01-01T09-00-00Z\t30\t50\ton time\tfraud-detection\t2\tflink
                2026-01-02T09-00-00Z\t30\t-\tabandoned\tfraud-detection\t2\tflink
                2026-01-03T09-00-00Z\t30\t70\tlate\tfraud-detection\t2\tflink
                2026-01-04T09-00-00Z\t60\t55\ton time\tbroadcast-join,window-functions\t3\tspark
                """);

        assertThat(kata("history", "--html")).isZero();
        assertThat(out.toString())
                .contains("Trend, grade 2, flink: 50 → 70 (+20) over 2 interviews")
                .contains("Page: .kata/interviews/history.html");
        String page = Files.readString(project.interviews().resolve("history.html"));
        assertThat(page)
                .contains("<svg id='score-chart'", ">score (of 100)</text>", ">interview started (UTC)</text>")
                .as("one line per grade and engine, in the legend")
                .contains(">grade 2, flink</text>", ">grade 3, spark</text>", ">grade ?, ?</text>")
                .as("the table holds every interview, the abandoned one too")
                .contains("<th>interview</th>", "<td>2026-01-02T09-00-00Z</td>", "<td>abandoned</td>")
                .contains("<li>Trend, grade 2, flink: 50 → 70 (+20) over 2 interviews</li>");
        assertThat(InterviewHistory.points(new Interviews(project).history()))
                .as("the chart's points: the abandoned interview left out")
                .extracting(InterviewHistory.Point::series, InterviewHistory.Point::score)
                .containsExactly(
                        tuple("grade ?, ?", 40),
                        tuple("grade 2, flink", 50),
                        tuple("grade 2, flink", 70),
                        tuple("grade 3, spark", 55));
    }

    @Test
    @DisplayName("abandon: files back, recorded with no score, out of the trend, which is per grade and engine")
    void abandon() throws IOException {
        Files.writeString(workspace.resolve(STUB), "// my work before the interview\n");
        assertThat(kata("interview", "start", "--engine", "flink", "--grade", "2", "--minutes", "30", "--seed", "7"))
                .isZero();
        assertThat(kata("interview", "restore")).isEqualTo(2);
        assertThat(err.toString()).contains("or give it up with no score (kata interview abandon)");

        clock.at(Duration.ofMinutes(3));
        assertThat(kata("interview", "abandon")).isZero();
        assertThat(out.toString()).contains("Restored exercises/katas/flink/fraud", "Interview abandoned: not scored");
        assertThat(Files.readString(workspace.resolve(STUB))).isEqualTo("// my work before the interview\n");
        assertThat(project.interview()).doesNotExist();
        assertThat(kata("interview", "abandon")).isEqualTo(2);
        assertThat(err.toString()).contains("no interview is under way");

        for (int minutes = 10; minutes <= 20; minutes += 10) {
            clock.at(Duration.ofMinutes(minutes));
            assertThat(kata(
                            "interview",
                            "start",
                            "--engine",
                            "flink",
                            "--grade",
                            "2",
                            "--minutes",
                            "30",
                            "--seed",
                            "7"))
                    .isZero();
            assertThat(kata("interview", "submit")).isZero();
            assertThat(kata("interview", "restore")).isZero();
        }
        assertThat(kata("history")).isZero();
        assertThat(out.toString())
                .contains("abandoned", "Trend, grade 2, flink: 0 → 0 (+0) over 2 interviews")
                .doesNotContain("over 3 interviews");
    }

    @Test
    @DisplayName("a test, fixture, hint or catalogue changed during the interview: submit refuses and names the file")
    void tampering() throws IOException {
        assertThat(kata("interview", "start", "--engine", "flink", "--grade", "2", "--minutes", "30", "--seed", "7"))
                .isZero();
        Path test = workspace.resolve("src/test/java/katas/flink/fraud/FraudDetectorTest.java");
        Files.writeString(test, Files.readString(test).replace("@Test", "@Disabled @Test"));

        assertThat(kata("interview", "submit")).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "not scored: changed since the interview started: src/test/java/katas/flink/fraud/FraudDetectorTest.java");
        assertThat(saved().submitted()).isFalse();
    }
}
