package katas.tool.interview;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import katas.support.Catalogue;
import katas.tool.Progress;

/**
 * What to practise next, spaced by how well and how long ago each exercise went: exercises failed in
 * their latest interview or begun and still failing first (longest untouched first), then never started
 * ones (easiest first), then solved ones whose last check is a week old or more (oldest first). Once an
 * interview of grade N has passed every test, the never started and the solved ones below N are left out:
 * the next work is at the level last passed or above.
 */
public final class Practice {

    private static final int SOLVED_INTERVAL_DAYS = 7;

    /** How an exercise went lately: in practice (the progress) and in its latest interview, if any. */
    private record Standing(Progress.Entry entry, Interview.Task interviewed, LocalDate interviewedOn) {

        boolean failedInInterview() {
            return interviewed != null && !interviewed.passedAll();
        }

        LocalDate lastTouched() {
            if (interviewedOn == null) {
                return entry.lastRun();
            }
            return entry.lastRun() == null || interviewedOn.isAfter(entry.lastRun()) ? interviewedOn : entry.lastRun();
        }

        int tier() {
            return failedInInterview() || (entry.started() && !entry.solved()) ? 0 : entry.solved() ? 2 : 1;
        }

        boolean due(LocalDate today) {
            return tier() < 2 || ChronoUnit.DAYS.between(lastTouched(), today) >= SOLVED_INTERVAL_DAYS;
        }

        String why(LocalDate today) {
            if (failedInInterview()) {
                return "%d of %d tests in the interview of %s"
                        .formatted(interviewed.passed(), interviewed.total(), interviewedOn);
            }
            if (!entry.started()) {
                return "not started";
            }
            long days = ChronoUnit.DAYS.between(entry.lastRun(), today);
            return entry.solved()
                    ? "solved, last checked %d days ago".formatted(days)
                    : "%d of %d tests passed at the last check, %d days ago"
                            .formatted(entry.passed(), entry.total(), days);
        }
    }

    private Practice() {}

    public static List<String> next(
            Catalogue catalogue, Progress progress, List<Interview> interviews, LocalDate today, int count) {
        Map<String, Standing> standings = new HashMap<>();
        for (Catalogue.Exercise exercise : catalogue.exercises()) {
            standings.put(exercise.id(), new Standing(progress.of(exercise.id()), null, null));
        }
        interviews.stream()
                .filter(Interview::submitted)
                .sorted(Comparator.comparingLong(Interview::startedAtMillis))
                .forEach(interview -> interview
                        .tasks()
                        .forEach(task -> standings.computeIfPresent(
                                task.id(),
                                (id, standing) -> new Standing(
                                        standing.entry(),
                                        task,
                                        interview
                                                .startedAt()
                                                .atZone(ZoneOffset.UTC)
                                                .toLocalDate()))));
        int level = levelLastPassed(interviews);
        return catalogue.exercises().stream()
                .filter(exercise -> standings.get(exercise.id()).due(today))
                .filter(exercise -> standings.get(exercise.id()).tier() == 0 || exercise.grade() >= level)
                .sorted(Comparator.comparingInt(
                                (Catalogue.Exercise e) -> standings.get(e.id()).tier())
                        .thenComparing(
                                e -> standings.get(e.id()).lastTouched(),
                                Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparingInt(Catalogue.Exercise::grade))
                .limit(count)
                .map(exercise -> "`%s` (grade %d, %d min): %s"
                        .formatted(
                                exercise.id(),
                                exercise.grade(),
                                exercise.minutes(),
                                standings.get(exercise.id()).why(today)))
                .toList();
    }

    /** The grade of the latest submitted interview whose every test passed; 0 when none did. */
    static int levelLastPassed(List<Interview> interviews) {
        return interviews.stream()
                .filter(Interview::submitted)
                .filter(interview -> interview.tasks().stream().allMatch(Interview.Task::passedAll))
                .max(Comparator.comparingLong(Interview::startedAtMillis))
                .map(Interview::grade)
                .orElse(0);
    }
}
