package katas.tool.command;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import katas.support.Catalogue;
import katas.tool.Hints;
import katas.tool.Kata;
import katas.tool.KataProblem;
import katas.tool.Project.Track;
import katas.tool.interview.Interview;
import katas.tool.interview.Interviews;
import katas.tool.interview.Practice;
import katas.tool.run.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "interview",
        mixinStandardHelpOptions = true,
        description = "A timed mock interview: exercises picked for the time, bare stubs, a clock, a rubric, "
                + "follow-up questions and a report; your own files come back afterwards.")
public final class InterviewCommand {

    @ParentCommand
    Kata kata;

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Picks the exercises, keeps your files of them, puts bare stubs in place and starts the "
                    + "clock; run again, it resumes with the time that is left.")
    int start(
            @Option(
                            names = "--engine",
                            paramLabel = "<spark|flink|both>",
                            description = "spark, flink or both (default: both)")
                    String engineAsked,
            @Option(
                            names = "--grade",
                            paramLabel = "<2-4>",
                            description =
                                    "2 to 4: one exercise of this grade at least, the rest of it and the one below (default: 3)")
                    Integer gradeAsked,
            @Option(names = "--minutes", paramLabel = "<minutes>", description = "the time budget (default: 45)")
                    Integer minutesAsked,
            @Option(
                            names = "--seed",
                            paramLabel = "<seed>",
                            description = "the same seed picks the same exercises (default: the time)")
                    Long seed)
            throws IOException {
        String engine = engineAsked != null ? engineAsked : "both";
        int grade = gradeAsked != null ? gradeAsked : 3;
        int minutes = minutesAsked != null ? minutesAsked : 45;
        if (!List.of("spark", "flink", "both").contains(engine)) {
            throw new KataProblem("--engine is spark, flink or both, not " + engine);
        }
        if (grade < 2 || grade > 4 || minutes < 5) {
            throw new KataProblem("--grade is 2 to 4 and --minutes at least 5");
        }
        Interviews interviews = kata.interviews();
        Interview running = interviews.running().orElse(null);
        if (running != null && (engineAsked != null || gradeAsked != null || minutesAsked != null || seed != null)) {
            throw new KataProblem("an interview is under way (" + running.minutes() + " minutes, grade "
                    + running.grade() + ", " + running.engine()
                    + "): its options cannot change; kata interview start without options resumes it");
        }
        if (running != null) {
            say("@|bold Resuming the interview started " + running.startedAt() + "|@");
        } else {
            Instant now = kata.clock().instant();
            running = interviews.start(
                    kata.catalogue(),
                    kata.progress(),
                    engine,
                    grade,
                    minutes,
                    seed != null ? seed : now.toEpochMilli(),
                    now);
            say("@|bold Mock interview: " + minutes + " minutes, grade " + grade + ", " + engine + "|@ (seed "
                    + running.seed() + "). Your own files of these exercises are kept until kata interview restore.");
        }
        for (Interview.Task task : running.tasks()) {
            Catalogue.Exercise exercise = kata.exercise(task.id());
            say("  @|bold " + exercise.id() + "|@ (grade " + exercise.grade() + ", " + task.minutes() + " min): "
                    + exercise.title() + "  → "
                    + kata.project()
                            .relative(kata.project().track(Track.EXERCISES).resolve(exercise.stub())));
        }
        say("Work as usual (kata check, kata watch, kata hint: each counts); diff, --solution and reset wait until"
                + " you submit.");
        status();
        return 0;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Time left and each exercise's state.")
    int status() {
        if (InterviewEnd.submitIfTimeUp(kata)) {
            return 0;
        }
        Interview interview = kata.interviews()
                .running()
                .orElseThrow(() -> new KataProblem("no interview under way: kata interview start"));
        kata.interviews().status(interview, kata.clock().instant()).forEach(line -> say(colourOf(line)));
        return 0;
    }

    @Command(
            name = "submit",
            mixinStandardHelpOptions = true,
            description =
                    "Runs every exercise's tests, scores the rubric, asks the follow-up questions and writes the report.")
    int submit() throws IOException {
        Interviews interviews = kata.interviews();
        Interview interview =
                interviews.running().orElseThrow(() -> new KataProblem("no interview under way: kata interview start"));
        List<Catalogue.Exercise> exercises =
                interview.tasks().stream().map(task -> kata.exercise(task.id())).toList();
        List<String> tampered = interviews.tampered(interview, exercises);
        if (!tampered.isEmpty()) {
            throw new KataProblem("not scored: changed since the interview started: " + String.join(", ", tampered)
                    + " (put them back, e.g. with git checkout, then submit again)");
        }
        Instant now = kata.clock().instant();
        for (int i = 0; i < exercises.size(); i++) {
            Catalogue.Exercise exercise = exercises.get(i);
            say("Running the tests of %s (%d of %d)...".formatted(exercise.id(), i + 1, exercises.size()));
            Outcome outcome = kata.runner().run(exercise, Track.EXERCISES);
            // Code that does not compile runs no test: none passes.
            List<Outcome.TestResult> tests = outcome instanceof Outcome.TestsRan ran ? ran.tests() : List.of();
            say("  "
                    + (outcome instanceof Outcome.CompileFailed
                            ? "does not compile: no test passes"
                            : "%d of %d tests pass"
                                    .formatted(
                                            tests.stream()
                                                    .filter(Outcome.TestResult::passed)
                                                    .count(),
                                            tests.size())));
            tests.stream()
                    .filter(test -> !test.passed())
                    .forEach(test -> say("  FAIL " + test.name() + ": "
                            + test.message().lines().findFirst().orElse("")));
            interview = interviews.withFinalResult(interview, exercise.id(), tests, now);
        }
        InterviewEnd.score(kata, interviews.markSubmitted(interview, now), true);
        return 0;
    }

    @Command(
            name = "restore",
            mixinStandardHelpOptions = true,
            description = "After submit: your files of the interview's exercises as they were before it.")
    int restore() throws IOException {
        List<String> restored = kata.interviews().restore(kata.catalogue());
        restored.forEach(folder -> say("Restored " + folder));
        say("Your interview answers are kept beside the report, under "
                + kata.project().relative(kata.project().interviews()));
        return 0;
    }

    @Command(
            name = "abandon",
            mixinStandardHelpOptions = true,
            description = "Gives up the running interview: your files come back, it is recorded as abandoned,"
                    + " with no score and out of the trend.")
    int abandon() throws IOException {
        List<String> restored = kata.interviews().abandon(kata.catalogue());
        restored.forEach(folder -> say("Restored " + folder));
        say("Interview abandoned: not scored. Your interview answers are kept under "
                + kata.project().relative(kata.project().interviews()));
        return 0;
    }

    @Command(name = "next", mixinStandardHelpOptions = true, description = "What to practise next.")
    int next() throws IOException {
        List<String> next = Practice.next(
                kata.catalogue(), kata.progress(), kata.interviews().past(), LocalDate.now(kata.clock()), 3);
        say(
                next.isEmpty()
                        ? "Nothing is due: every exercise is solved and was checked within a week."
                        : "Practise next:");
        next.forEach(line -> say("  " + Hints.toTerminal(line)));
        return 0;
    }

    private String colourOf(String line) {
        return line.startsWith("warning") || line.startsWith("time is up")
                ? "@|yellow,bold " + line + "|@"
                : line.startsWith("note") ? "@|yellow " + line + "|@" : line;
    }

    private void say(String markup) {
        kata.out().println(kata.colour(markup));
        kata.out().flush();
    }
}
