package katas.tool.interview;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * How a submitted interview scores, line by line, out of 100: correctness (the share of tests passed,
 * weighted by grade) 35, the lesson (the same for the tests that grade plans, partitions, state, timers,
 * watermarks and checkpoints) 20, time against the budget 20 (see {@link #speed}), hints 10, both in
 * proportion to the correctness; the follow-up questions 15, each answer as the learner graded it against
 * the reference (1 is nothing, 5 all), an empty or missing answer nothing.
 */
public final class Rubric {

    public static final int CORRECTNESS = 35;
    public static final int LESSON = 20;
    public static final int TIME = 20;
    public static final int HINTS = 10;
    public static final int FOLLOW_UPS = 15;
    /** Hints an exercise has: taking all of every exercise's costs all the hint points. */
    static final int HINTS_PER_EXERCISE = 3;

    public record Line(String name, double points, int max, String how) {}

    private Rubric() {}

    /** The score of {@code interview}, {@code used} after its start, with the follow-ups answered of those asked. */
    public static List<Line> score(Interview interview, Duration used, List<Report.FollowUp> answered, int asked) {
        List<Line> lines = new ArrayList<>();
        double correct = weightedShare(interview, Interview.Task::passed, Interview.Task::total);
        lines.add(new Line(
                "correctness",
                CORRECTNESS * correct,
                CORRECTNESS,
                "tests passed, weighted by grade: %.0f%%".formatted(100 * correct)));
        double lesson = weightedShare(interview, Interview.Task::lessonPassed, Interview.Task::lessonTotal);
        lines.add(new Line(
                "lesson",
                LESSON * lesson,
                LESSON,
                "plans, partitions, state, timers, watermarks: %.0f%% of those tests".formatted(100 * lesson)));

        Duration budget = Duration.ofMinutes(interview.minutes());
        lines.add(new Line(
                "time",
                TIME * speed(used, budget) * correct,
                TIME,
                "%s of %s%s: all of it within a third of the budget, none at its end; times the correctness"
                        .formatted(
                                clock(used),
                                clock(budget),
                                interview.timeUp() ? ", time up" : used.compareTo(budget) > 0 ? ", late" : "")));

        int hints = interview.tasks().stream().mapToInt(Interview.Task::hints).sum();
        int available = HINTS_PER_EXERCISE * interview.tasks().size();
        lines.add(new Line(
                "hints",
                HINTS * Math.max(0, 1 - hints / (double) available) * correct,
                HINTS,
                "%d of %d taken, times the correctness".formatted(hints, available)));

        double credit = answered.stream()
                .mapToDouble(followUp -> followUp.answer().isBlank() ? 0 : (followUp.grade() - 1) / 4.0)
                .sum();
        lines.add(new Line(
                "follow-ups",
                asked == 0 ? 0 : FOLLOW_UPS * credit / asked,
                FOLLOW_UPS,
                "%d of %d answered, as self-graded (1 is nothing, 5 all; empty is nothing)"
                        .formatted(
                                answered.stream()
                                        .filter(followUp -> !followUp.answer().isBlank())
                                        .count(),
                                asked)));
        return lines;
    }

    /**
     * The share of the time points: 1 up to a third of the budget (a strong candidate's pace), falling in
     * a straight line to 0 at the budget and after it. Speed, like independence, is worth what was achieved
     * with it: the caller multiplies by the correctness.
     */
    static double speed(Duration used, Duration budget) {
        double fast = budget.toMillis() / 3.0;
        return Math.max(0, Math.min(1, (budget.toMillis() - used.toMillis()) / (budget.toMillis() - fast)));
    }

    /** Each task's share passed, weighted by its grade; a task not run counts as none passed. */
    private static double weightedShare(
            Interview interview, ToIntFunction<Interview.Task> passed, ToIntFunction<Interview.Task> total) {
        double weighted = 0;
        int weights = 0;
        for (Interview.Task task : interview.tasks()) {
            int all = total.applyAsInt(task);
            weighted += all == 0 ? 0 : task.grade() * (double) passed.applyAsInt(task) / all;
            weights += task.grade();
        }
        return weights == 0 ? 0 : weighted / weights;
    }

    public static double total(List<Line> lines) {
        return lines.stream().mapToDouble(Line::points).sum();
    }

    /** {@code mm:ss}, or {@code h:mm:ss} past an hour. */
    public static String clock(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds >= 3600
                ? "%d:%02d:%02d".formatted(seconds / 3600, seconds / 60 % 60, seconds % 60)
                : "%d:%02d".formatted(seconds / 60, seconds % 60);
    }
}
