package katas.tool.interview;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A submitted interview as Markdown and as an HTML page with a chart of time per exercise against its budget. */
public final class Report {

    /** A follow-up question, the learner's answer, the reference answer, and the grade the learner gave. */
    public record FollowUp(String question, String answer, String reference, int grade) {}

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private Report() {}

    /** Time on each exercise: from the start, or the previous exercise solved, until it was solved (or submit). */
    public static List<Duration> timePerTask(Interview interview, long submittedAt) {
        Map<String, Duration> byId = new HashMap<>();
        long previous = interview.startedAtMillis();
        List<Interview.Task> bySolved = interview.tasks().stream()
                .sorted(Comparator.comparingLong(task -> solvedOr(task, submittedAt)))
                .toList();
        for (Interview.Task task : bySolved) {
            long end = solvedOr(task, submittedAt);
            byId.put(task.id(), Duration.ofMillis(Math.max(0, end - previous)));
            previous = Math.max(previous, end);
        }
        return interview.tasks().stream().map(task -> byId.get(task.id())).toList();
    }

    private static long solvedOr(Interview.Task task, long submittedAt) {
        return task.solved() ? task.solvedAtMillis() : submittedAt;
    }

    public static String markdown(
            Interview interview, List<Rubric.Line> rubric, List<FollowUp> followUps, List<String> next) {
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
                        late(interview) ? " (late)" : ""));
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
        md.append(
                "\n## Score: %.0f of 100\n\n| line | points | how |\n|---|---|---|\n".formatted(Rubric.total(rubric)));
        rubric.forEach(line ->
                md.append("| %s | %.1f of %d | %s |\n".formatted(line.name(), line.points(), line.max(), line.how())));
        if (!followUps.isEmpty()) {
            md.append("\n## Follow-up questions (self-graded)\n\n");
            followUps.forEach(f ->
                    md.append("- %s — your answer: %s — **%d of 5**\n".formatted(f.question(), f.answer(), f.grade())));
        }
        md.append("\n## Practise next\n\n");
        next.forEach(line -> md.append("- ").append(line).append('\n'));
        return md.toString();
    }

    public static boolean late(Interview interview) {
        return interview.submittedAtMillis() != null
                && Instant.ofEpochMilli(interview.submittedAtMillis()).isAfter(interview.deadline());
    }

    /** The same report as a standalone page: a bar chart (SVG) of time against budget, then the tables. */
    public static String html(
            Interview interview, List<Rubric.Line> rubric, List<FollowUp> followUps, List<String> next) {
        List<Duration> times = timePerTask(interview, interview.submittedAtMillis());
        double scale = 1;
        for (int i = 0; i < times.size(); i++) {
            scale = Math.max(
                    scale,
                    Math.max(
                            times.get(i).toSeconds() / 60.0,
                            interview.tasks().get(i).minutes()));
        }
        int rowHeight = 34;
        int width = 640;
        StringBuilder svg = new StringBuilder(
                "<svg id=\"time-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"time per exercise against its budget\">\n"
                        .formatted(width + 220, rowHeight * times.size() + 10));
        for (int i = 0; i < times.size(); i++) {
            Interview.Task task = interview.tasks().get(i);
            double used = times.get(i).toSeconds() / 60.0;
            int y = i * rowHeight + 5;
            svg.append("  <text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>\n".formatted(y + 16, escape(task.id())));
            svg.append("  <rect class=\"budget\" x=\"200\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"#ccc\"/>\n"
                    .formatted(y, width * task.minutes() / scale));
            svg.append("  <rect class=\"used\" x=\"200\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"%s\"/>\n"
                    .formatted(y + 14, width * used / scale, used > task.minutes() ? "#c0392b" : "#2e86c1"));
        }
        svg.append("</svg>\n");
        String body = markdown(interview, rubric, followUps, next);
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Mock interview %s</title>
                <style>body{font-family:sans-serif;max-width:960px;margin:2em auto} pre{white-space:pre-wrap}</style></head>
                <body>
                <h1>Mock interview %s: %.0f of 100</h1>
                <h2>Time per exercise (blue, red when over) against its budget (grey), minutes</h2>
                %s
                <pre>%s</pre>
                </body>
                </html>
                """.formatted(escape(interview.id()), escape(interview.id()), Rubric.total(rubric), svg, escape(body));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
