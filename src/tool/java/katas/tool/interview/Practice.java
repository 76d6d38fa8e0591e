package katas.tool.interview;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import katas.support.Catalogue;
import katas.tool.Progress;

/**
 * What to practise next, spaced by how well and how long ago each exercise went: exercises begun and
 * still failing first (longest untouched first), then never started ones (easiest first), then solved
 * ones whose last check is a week old or more (oldest first).
 */
public final class Practice {

    private static final int SOLVED_INTERVAL_DAYS = 7;

    private Practice() {}

    public static List<String> next(Catalogue catalogue, Progress progress, LocalDate today, int count) {
        return catalogue.exercises().stream()
                .filter(exercise -> due(progress.of(exercise.id()), today))
                .sorted(Comparator.comparingInt((Catalogue.Exercise e) -> tier(progress.of(e.id())))
                        .thenComparing(
                                e -> progress.of(e.id()).lastRun(), Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparingInt(Catalogue.Exercise::grade))
                .limit(count)
                .map(exercise -> "`%s` (grade %d, %d min): %s"
                        .formatted(
                                exercise.id(),
                                exercise.grade(),
                                exercise.minutes(),
                                why(progress.of(exercise.id()), today)))
                .toList();
    }

    private static boolean due(Progress.Entry entry, LocalDate today) {
        return !entry.solved() || ChronoUnit.DAYS.between(entry.lastRun(), today) >= SOLVED_INTERVAL_DAYS;
    }

    private static int tier(Progress.Entry entry) {
        return entry.solved() ? 2 : entry.started() ? 0 : 1;
    }

    private static String why(Progress.Entry entry, LocalDate today) {
        if (!entry.started()) {
            return "not started";
        }
        long days = ChronoUnit.DAYS.between(entry.lastRun(), today);
        return entry.solved()
                ? "solved, last checked %d days ago".formatted(days)
                : "%d of %d tests passed at the last check, %d days ago".formatted(entry.passed(), entry.total(), days);
    }
}
