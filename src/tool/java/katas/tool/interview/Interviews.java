package katas.tool.interview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import katas.support.Catalogue;
import katas.tool.FileTrees;
import katas.tool.KataProblem;
import katas.tool.Progress;
import katas.tool.Project;
import katas.tool.Project.Track;
import katas.tool.run.Outcome;
import katas.tool.source.Stubs;

/** What the interview commands, and the commands an interview changes, do with the saved interview. */
public final class Interviews {

    private final Project project;

    public Interviews(Project project) {
        this.project = project;
    }

    public Optional<Interview> current() {
        return Interview.load(project.interview());
    }

    /** The running interview, not yet submitted. */
    public Optional<Interview> running() {
        return current().filter(interview -> !interview.submitted());
    }

    /**
     * Starts an interview: keeps the learner's files of the picked exercises, writes bare stubs in their
     * place, takes the fingerprints, and starts the clock.
     */
    public Interview start(
            Catalogue catalogue, Progress progress, String engine, int grade, int minutes, long seed, Instant now)
            throws IOException {
        if (current().isPresent()) {
            throw new KataProblem(
                    current().get().submitted()
                            ? "the last interview is submitted, its files not yet restored: kata interview restore"
                            : "an interview is under way: kata interview status or submit");
        }
        List<Catalogue.Exercise> picked = Selection.pick(catalogue, progress, engine, grade, minutes, seed);
        String id = now.toString().replace(":", "-").replaceAll("\\.\\d+", "");
        // Every bare stub first: a broken solution stops the start before any file moves.
        Map<Catalogue.Exercise, Map<String, String>> bare = new LinkedHashMap<>();
        picked.forEach(exercise -> bare.put(exercise, Stubs.generateBare(project, exercise)));
        List<Interview.Task> tasks = picked.stream()
                .map(e -> Interview.Task.of(e.id(), e.minutes(), e.grade()))
                .toList();
        Interview interview = new Interview(
                id,
                seed,
                engine,
                grade,
                minutes,
                now.toEpochMilli(),
                tasks,
                Fingerprints.take(project, picked),
                List.of(),
                null,
                Map.of(),
                null,
                false);
        // Saved before any file moves: a killed start leaves each exercise's files either in place or kept.
        interview.save(project.interview());
        for (var stub : bare.entrySet()) {
            Path mine = project.folder(Track.EXERCISES, stub.getKey());
            FileTrees.copy(mine, before(id).resolve(stub.getKey().id()));
            FileTrees.delete(mine);
            Stubs.writeInto(project.track(Track.EXERCISES), stub.getValue());
        }
        return interview;
    }

    /** After a check or a watch run of the learner's code: counts the run and keeps its result. */
    public void recordRun(Catalogue.Exercise exercise, List<Outcome.TestResult> tests, Instant now) {
        running()
                .flatMap(interview -> interview
                        .task(exercise.id())
                        .map(task -> interview
                                .withTask(task.withResult(tests, now.toEpochMilli(), true))
                                .withActivity(task.id(), now.toEpochMilli())))
                .ifPresent(changed -> changed.save(project.interview()));
    }

    public void recordHints(Catalogue.Exercise exercise, int revealed, Instant now) {
        running()
                .flatMap(interview -> interview
                        .task(exercise.id())
                        .map(task -> interview
                                .withTask(task.withHints(revealed))
                                .withActivity(task.id(), now.toEpochMilli())))
                .ifPresent(changed -> changed.save(project.interview()));
    }

    /** The running interview whose time is up at {@code now}: it is to submit itself before anything else counts. */
    public Optional<Interview> timeUp(Instant now) {
        return running().filter(interview -> now.isAfter(interview.deadline()));
    }

    /**
     * Within the running interview, what follows a pass of {@code exerciseId}: the next exercise of the
     * interview not yet solved, else submitting; empty when the exercise is not the interview's.
     */
    public Optional<String> nextAfter(String exerciseId) {
        return running()
                .filter(interview -> interview.task(exerciseId).isPresent())
                .map(interview -> interview.tasks().stream()
                        .filter(task -> !task.solved() && !task.id().equals(exerciseId))
                        .findFirst()
                        .map(task -> "kata watch " + task.id())
                        .orElse("kata interview submit"));
    }

    /** Refuses, for an exercise of the running interview, a command that shows the reference or replaces the stub. */
    public void refuseReference(Catalogue.Exercise exercise, String what) {
        if (running().flatMap(interview -> interview.task(exercise.id())).isPresent()) {
            throw new KataProblem(what + " is off for " + exercise.id() + " while the interview runs (it would show"
                    + " the reference or replace your work); it works again after kata interview submit");
        }
    }

    /**
     * The status lines: time left, each exercise's state, and the warnings due (a quarter and a tenth of the
     * time left, an exercise past its own budget), each said once; the interview is saved with them.
     */
    public List<String> status(Interview interview, Instant now) {
        List<String> lines = new ArrayList<>();
        Duration left = Duration.between(now, interview.deadline());
        Duration total = Duration.ofMinutes(interview.minutes());
        lines.add(
                left.isNegative()
                        ? "time is up (%s ago): kata interview submit; it will be marked late"
                                .formatted(Rubric.clock(left.negated()))
                        : "%s left of %d:00".formatted(Rubric.clock(left), interview.minutes()));
        Interview warned = interview;
        for (var threshold : List.of(new Threshold("a quarter", 4), new Threshold("a tenth", 10))) {
            boolean due = !left.isNegative() && left.compareTo(total.dividedBy(threshold.divisor())) <= 0;
            if (due && !warned.warned().contains(threshold.name())) {
                lines.add("warning: " + threshold.name() + " of the time is left");
                warned = warned.withWarning(threshold.name());
            }
        }
        long budgetEnd = interview.startedAtMillis();
        for (Interview.Task task : interview.tasks()) {
            budgetEnd += Duration.ofMinutes(task.minutes()).toMillis();
            String state = task.solved()
                    ? "solved"
                    : task.runs() == 0 ? "not run yet" : "%d of %d tests pass".formatted(task.passed(), task.total());
            lines.add("  %-22s %2d min  %s, %d runs, %d hints"
                    .formatted(task.id(), task.minutes(), state, task.runs(), task.hints()));
            String note = "budget of " + task.id();
            if (!task.solved()
                    && now.toEpochMilli() > budgetEnd
                    && !warned.warned().contains(note)) {
                lines.add("note: the time planned for " + task.id() + " is spent; consider moving on");
                warned = warned.withWarning(note);
            }
        }
        if (warned != interview) {
            warned.save(project.interview());
        }
        return lines;
    }

    private record Threshold(String name, int divisor) {}

    /** The files changed since the start that the score depends on; empty when none. */
    public List<String> tampered(Interview interview, List<Catalogue.Exercise> exercises) {
        return Fingerprints.changed(interview.fingerprints(), Fingerprints.take(project, exercises));
    }

    /** The result of the run at submit: it does not count as one of the learner's runs. */
    public Interview withFinalResult(
            Interview interview, String exerciseId, List<Outcome.TestResult> tests, Instant now) {
        Interview.Task task = interview.task(exerciseId).orElseThrow();
        return interview.withTask(task.withResult(tests, now.toEpochMilli(), false));
    }

    public Interview markSubmitted(Interview interview, Instant now) {
        Interview submitted = interview.submittedAt(now.toEpochMilli(), false);
        submitted.save(project.interview());
        return submitted;
    }

    /**
     * Submits the interview whose time is up as it stood at the deadline: the results of the runs made in
     * time, no run after it, the time used the whole budget.
     */
    public Interview submitAtDeadline(Interview interview) {
        Interview submitted = interview.submittedAt(interview.deadline().toEpochMilli(), true);
        submitted.save(project.interview());
        return submitted;
    }

    /** Writes the report into the interview's folder and adds it to the history; returns the Markdown file. */
    public Path saveReport(Interview interview, String markdown, String html, double score) throws IOException {
        Path folder = project.interviews().resolve(interview.id());
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("report.md"), markdown);
        Files.writeString(folder.resolve("report.html"), html);
        addToHistory(
                interview,
                "%.0f".formatted(score),
                interview.timeUp() ? "time up" : Report.late(interview) ? "late" : "on time");
        return folder.resolve("report.md");
    }

    /** One line of history.tsv: id, minutes, score, how it ended, exercises, grade, engine. */
    private void addToHistory(Interview interview, String score, String ended) throws IOException {
        Files.createDirectories(project.interviews());
        List<String> exercises =
                interview.tasks().stream().map(Interview.Task::id).toList();
        Files.writeString(
                project.interviews().resolve("history.tsv"),
                String.join(
                                "\t",
                                interview.id(),
                                Integer.toString(interview.minutes()),
                                score,
                                ended,
                                String.join(",", exercises),
                                Integer.toString(interview.grade()),
                                interview.engine())
                        + "\n",
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /**
     * Gives up the running interview: the learner's files of before it come back (the interview's answers
     * are kept), and the history records it as abandoned, with no score.
     */
    public List<String> abandon(Catalogue catalogue) throws IOException {
        Interview interview = running().orElseThrow(() -> new KataProblem("no interview is under way"));
        List<String> restored = putBack(interview, catalogue);
        addToHistory(interview, "-", "abandoned");
        return restored;
    }

    /** Puts the learner's files of before the interview back, and closes it. */
    public List<String> restore(Catalogue catalogue) throws IOException {
        Interview interview = current().orElseThrow(() -> new KataProblem("no interview to restore"));
        if (!interview.submitted()) {
            throw new KataProblem("the interview is under way: submit it (kata interview submit), or give it up"
                    + " with no score (kata interview abandon)");
        }
        return putBack(interview, catalogue);
    }

    /** The learner's files of before the interview back in place, its answers kept beside its report. */
    private List<String> putBack(Interview interview, Catalogue catalogue) throws IOException {
        List<String> restored = new ArrayList<>();
        for (Interview.Task task : interview.tasks()) {
            Catalogue.Exercise exercise = catalogue.require(task.id());
            Path mine = project.folder(Track.EXERCISES, exercise);
            Path kept = before(interview.id()).resolve(exercise.id());
            if (!Files.isDirectory(kept)) {
                continue; // a start killed before it reached this exercise left its files in place
            }
            FileTrees.copy(
                    mine,
                    project.interviews()
                            .resolve(interview.id())
                            .resolve("answers")
                            .resolve(exercise.id()));
            FileTrees.delete(mine);
            FileTrees.copy(kept, mine);
            restored.add(project.relative(mine));
        }
        FileTrees.delete(before(interview.id()));
        Files.createDirectories(project.interviews().resolve(interview.id()));
        Files.move(
                project.interview(),
                project.interviews().resolve(interview.id()).resolve("interview.json"));
        return restored;
    }

    /** One past interview; {@code score} is empty when it was abandoned. */
    public record Past(
            String id, int minutes, OptionalInt score, String ended, String exercises, String grade, String engine) {}

    /** The past interviews, oldest first (lines written before grade and engine were kept show "?"). */
    public List<Past> history() throws IOException {
        Path file = project.interviews().resolve("history.tsv");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream()
                .map(line -> line.split("\t", -1))
                .filter(fields -> fields.length >= 5)
                .map(fields -> new Past(
                        fields[0],
                        Integer.parseInt(fields[1]),
                        fields[2].equals("-") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(fields[2])),
                        fields[3],
                        fields[4],
                        fields.length > 6 ? fields[5] : "?",
                        fields.length > 6 ? fields[6] : "?"))
                .sorted(Comparator.comparing(Past::id))
                .toList();
    }

    /** Every submitted interview: the restored ones in their folders, and the current one. */
    public List<Interview> past() throws IOException {
        List<Interview> all = new ArrayList<>();
        if (Files.isDirectory(project.interviews())) {
            try (var folders = Files.list(project.interviews())) {
                for (Path folder : folders.filter(Files::isDirectory).toList()) {
                    Interview.load(folder.resolve("interview.json"))
                            .filter(Interview::submitted)
                            .ifPresent(all::add);
                }
            }
        }
        current().filter(Interview::submitted).ifPresent(all::add);
        return all;
    }

    private Path before(String interviewId) {
        return project.interviews().resolve(interviewId).resolve("before");
    }
}
