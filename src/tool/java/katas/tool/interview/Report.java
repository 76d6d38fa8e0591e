package katas.tool.interview;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** A submitted interview as Markdown and as an HTML page with a chart of time per exercise against its budget. */
public final class Report {

    /** A follow-up question, the learner's answer, the reference answer, and the grade the learner gave. */
    public record FollowUp(String question, String answer, String reference, int grade) {}

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private Report() {}

    /**
     * Time on each exercise, from the runs and hints: what each one was given (see {@link Interview}), and
     * the time from the last of them to {@code submittedAt} to the first exercise not solved.
     */
    public static List<Duration> timePerTask(Interview interview, long submittedAt) {
        String last = interview.tasks().stream()
                .filter(task -> !task.solved())
                .map(Interview.Task::id)
                .findFirst()
                .orElse(null);
        long trailing = Math.max(0, submittedAt - interview.lastActivityMillis());
        return interview.tasks().stream()
                .map(task -> Duration.ofMillis(interview.millisSpent().getOrDefault(task.id(), 0L)
                        + (task.id().equals(last) ? trailing : 0)))
                .toList();
    }

    public static String markdown(
            Interview interview, List<Rubric.Line> rubric, List<FollowUp> followUps, List<String> next) {
        return summary(interview) + details(interview, rubric, followUps, next);
    }

    /** The heading, the interview's settings and the table of its exercises. */
    private static String summary(Interview interview) {
        long submitted = interview.submittedAtMillis();
        Duration used = Duration.ofMillis(submitted - interview.startedAtMillis());
        List<Duration> times = timePerTask(interview, submitted);
        StringBuilder md = new StringBuilder();
        md.append("# Mock interview of ")
                .append(WHEN.format(interview.startedAt().atOffset(ZoneOffset.UTC)))
                .append("\n\n");
        md.append("%d minutes, grade %d, engine %s, seed %d. Submitted after %s%s.\n\n"
                .formatted(
                        interview.minutes(),
                        interview.grade(),
                        interview.engine(),
                        interview.seed(),
                        Rubric.clock(used),
                        interview.timeUp()
                                ? ": the time was up, it submitted itself with the runs made in time"
                                : late(interview) ? " (late)" : ""));
        md.append("| exercise | grade | budget | time | tests | runs | hints |\n|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < interview.tasks().size(); i++) {
            Interview.Task task = interview.tasks().get(i);
            md.append("| `%s` | %d | %d:00 | %s | %d of %d | %d | %d |\n"
                    .formatted(
                            task.id(),
                            task.grade(),
                            task.minutes(),
                            Rubric.clock(times.get(i)),
                            task.passed(),
                            task.total(),
                            task.runs(),
                            task.hints()));
        }
        return md.toString();
    }

    /** What follows the exercises: what failed, the score line by line, the follow-ups, what to practise. */
    private static String details(
            Interview interview, List<Rubric.Line> rubric, List<FollowUp> followUps, List<String> next) {
        StringBuilder md = new StringBuilder("\n## Failing tests\n\n");
        List<Interview.Task> failing = interview.tasks().stream()
                .filter(task -> task.total() == 0 || task.passed() < task.total())
                .toList();
        if (failing.isEmpty()) {
            md.append("None: every test of every exercise passes.\n");
        }
        for (Interview.Task task : failing) {
            int failed = task.total() - task.passed();
            md.append(
                    task.total() == 0
                            ? "### `%s`: no test ran (the code does not compile)\n\n".formatted(task.id())
                            : "### `%s`: %d of %d fail\n\n".formatted(task.id(), failed, task.total()));
            task.failures()
                    .forEach(failure -> md.append(
                            "- **%s**: %s\n".formatted(Pages.text(failure.test()), Pages.text(failure.message()))));
            if (failed > task.failures().size()) {
                md.append("- and %d more\n".formatted(failed - task.failures().size()));
            }
            md.append('\n');
        }
        md.append(
                "\n## Score: %.0f of 100\n\n| line | points | how |\n|---|---|---|\n".formatted(Rubric.total(rubric)));
        rubric.forEach(line ->
                md.append("| %s | %.1f of %d | %s |\n".formatted(line.name(), line.points(), line.max(), line.how())));
        if (!followUps.isEmpty()) {
            md.append("\n## Follow-up questions (self-graded)\n\n")
                    .append("| question | your answer | reference | grade |\n|---|---|---|---|\n");
            followUps.forEach(f -> md.append("| %s | %s | %s | %s |\n"
                    .formatted(
                            Pages.cell(f.question()),
                            f.answer().isBlank() ? "*(none)*" : Pages.text(f.answer()),
                            Pages.cell(f.reference()),
                            f.answer().isBlank() ? "nothing" : "**%d of 5**".formatted(f.grade()))));
        }
        md.append("\n## Practise next\n\n");
        next.forEach(line -> md.append("- ").append(line).append('\n'));
        return md.toString();
    }

    public static boolean late(Interview interview) {
        return interview.submittedAtMillis() != null
                && Instant.ofEpochMilli(interview.submittedAtMillis()).isAfter(interview.deadline());
    }

    /**
     * The same report as a standalone page: its tables rendered, and after the exercises a chart of each
     * one's time against its budget, the part over it apart.
     */
    public static String html(
            Interview interview, List<Rubric.Line> rubric, List<FollowUp> followUps, List<String> next) {
        List<Duration> times = timePerTask(interview, interview.submittedAtMillis());
        List<Charts.Bar> bars = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            Interview.Task task = interview.tasks().get(i);
            bars.add(new Charts.Bar(task.id(), task.minutes(), times.get(i).toSeconds() / 60.0));
        }
        return Pages.page(
                "Mock interview %s: %.0f of 100".formatted(interview.id(), Rubric.total(rubric)),
                Pages.html(summary(interview))
                        + Pages.figure(
                                "Time per exercise against its budget, in minutes",
                                Charts.timeAgainstBudget("time-chart", bars))
                        + Pages.html(details(interview, rubric, followUps, next)));
    }
}
