package katas.tool.interview;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import katas.tool.run.Outcome;

/**
 * A timed mock interview, as saved under {@code .kata/}: what was picked, when it started, what the
 * learner did per exercise, and the fingerprints of the files the learner must not change. Every change
 * replaces the file atomically, so a killed process resumes with the time that is left.
 *
 * <p>Time is spent on the exercise that the learner runs or takes a hint of next: each run or hint adds
 * the time since the previous one (or the start) to its exercise's {@code millisSpent}. {@code timeUp}
 * says that the interview submitted itself when its time was up.
 */
public record Interview(
        String id,
        long seed,
        String engine,
        int grade,
        int minutes,
        long startedAtMillis,
        List<Task> tasks,
        Map<String, String> fingerprints,
        List<String> warned,
        Long submittedAtMillis,
        Map<String, Long> millisSpent,
        Long lastActivityMillis,
        boolean timeUp) {

    public Interview {
        // Interviews saved before time was kept per exercise have neither.
        millisSpent = millisSpent == null ? Map.of() : Map.copyOf(millisSpent);
        lastActivityMillis = lastActivityMillis == null ? Long.valueOf(startedAtMillis) : lastActivityMillis;
    }

    /**
     * One exercise of the interview: its budget, and what the learner did; the last run's tests passed of
     * all, and of those that grade the lesson ({@code katas.testing.Lesson}), and the first of those that
     * failed (none in an interview saved before they were kept).
     */
    public record Task(
            String id,
            int minutes,
            int grade,
            int runs,
            int hints,
            int passed,
            int total,
            int lessonPassed,
            int lessonTotal,
            Long solvedAtMillis,
            List<Failure> failures) {

        /** The failures a report shows of one exercise, at most; the report says how many more failed. */
        static final int FAILURES_KEPT = 10;
        /** A message is cut here: the report shows its first line, not a stack of values. */
        static final int MESSAGE_KEPT = 300;

        public Task {
            failures = failures == null ? List.of() : List.copyOf(failures);
        }

        static Task of(String id, int minutes, int grade) {
            return new Task(id, minutes, grade, 0, 0, 0, 0, 0, 0, null, List.of());
        }

        /** The result of a run; {@code counted} when the learner ran it (not the run at submit). */
        Task withResult(List<Outcome.TestResult> tests, long now, boolean counted) {
            int passed = (int) tests.stream().filter(Outcome.TestResult::passed).count();
            List<Outcome.TestResult> lesson =
                    tests.stream().filter(Outcome.TestResult::lesson).toList();
            int lessonPassed =
                    (int) lesson.stream().filter(Outcome.TestResult::passed).count();
            boolean allPass = !tests.isEmpty() && passed == tests.size();
            Long solved = solvedAtMillis != null ? solvedAtMillis : allPass ? Long.valueOf(now) : null;
            return new Task(
                    id,
                    minutes,
                    grade,
                    runs + (counted ? 1 : 0),
                    hints,
                    passed,
                    tests.size(),
                    lessonPassed,
                    lesson.size(),
                    solved,
                    tests.stream()
                            .filter(test -> !test.passed())
                            .limit(FAILURES_KEPT)
                            .map(Failure::of)
                            .toList());
        }

        Task withHints(int revealed) {
            return new Task(
                    id,
                    minutes,
                    grade,
                    runs,
                    Math.max(hints, revealed),
                    passed,
                    total,
                    lessonPassed,
                    lessonTotal,
                    solvedAtMillis,
                    failures);
        }

        public boolean solved() {
            return solvedAtMillis != null;
        }

        /** Every test passed at the last run (the one at submit, once submitted). */
        public boolean passedAll() {
            return total > 0 && passed == total;
        }
    }

    /** A test that failed in an exercise's last run: its name and the first line of its message. */
    public record Failure(String test, String message) {

        static Failure of(Outcome.TestResult test) {
            String first = test.message().lines().findFirst().orElse("");
            return new Failure(
                    test.name(),
                    first.length() > Task.MESSAGE_KEPT ? first.substring(0, Task.MESSAGE_KEPT) + "…" : first);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Instant startedAt() {
        return Instant.ofEpochMilli(startedAtMillis);
    }

    public Instant deadline() {
        return startedAt().plus(Duration.ofMinutes(minutes));
    }

    public boolean submitted() {
        return submittedAtMillis != null;
    }

    public Optional<Task> task(String exerciseId) {
        return tasks.stream().filter(task -> task.id().equals(exerciseId)).findFirst();
    }

    Interview withTask(Task changed) {
        List<Task> all = new ArrayList<>(tasks);
        all.replaceAll(task -> task.id().equals(changed.id()) ? changed : task);
        return changed(all, warned, submittedAtMillis, millisSpent, lastActivityMillis, timeUp);
    }

    Interview withWarning(String warning) {
        List<String> all = new ArrayList<>(warned);
        all.add(warning);
        return changed(tasks, all, submittedAtMillis, millisSpent, lastActivityMillis, timeUp);
    }

    /** The time since the last run or hint, spent on {@code exerciseId}. */
    public Interview withActivity(String exerciseId, long now) {
        Map<String, Long> spent = new HashMap<>(millisSpent);
        spent.merge(exerciseId, Math.max(0, now - lastActivityMillis), Long::sum);
        return changed(tasks, warned, submittedAtMillis, spent, Math.max(now, lastActivityMillis), timeUp);
    }

    Interview submittedAt(long millis, boolean byClock) {
        return changed(tasks, warned, millis, millisSpent, lastActivityMillis, byClock);
    }

    /** This interview with what changes during it: the settings and the fingerprints never do. */
    private Interview changed(
            List<Task> tasks,
            List<String> warned,
            Long submittedAtMillis,
            Map<String, Long> millisSpent,
            Long lastActivityMillis,
            boolean timeUp) {
        return new Interview(
                id,
                seed,
                engine,
                grade,
                minutes,
                startedAtMillis,
                tasks,
                fingerprints,
                warned,
                submittedAtMillis,
                millisSpent,
                lastActivityMillis,
                timeUp);
    }

    public static Optional<Interview> load(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Interview.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the interview in " + file, e);
        }
    }

    public void save(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            JSON.writeValue(temporary.toFile(), this);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the interview to " + file, e);
        }
    }
}
