package katas.tool.interview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The history of mock interviews, as the terminal and the page show it: one row per interview, and the
 * trend per grade and engine (a trend compares like with like), over the scored interviews only.
 */
public final class InterviewHistory {

    /** The columns of the history, in the order of {@link #row}. */
    public static final List<String> COLUMNS =
            List.of("interview", "grade", "engine", "minutes", "score", "ended", "exercises");

    /** One scored interview on the chart: its series (grade and engine), when it started, its score. */
    public record Point(String series, Instant started, int score) {}

    private InterviewHistory() {}

    public static List<String> row(Interviews.Past interview) {
        return List.of(
                interview.id(),
                interview.grade(),
                interview.engine(),
                Integer.toString(interview.minutes()),
                interview.score().isPresent()
                        ? Integer.toString(interview.score().getAsInt())
                        : "-",
                interview.ended(),
                interview.exercises());
    }

    /** The scores of each grade and engine, oldest first; abandoned interviews have none. */
    private static Map<String, List<Integer>> scores(List<Interviews.Past> past) {
        Map<String, List<Integer>> scores = new TreeMap<>();
        for (Interviews.Past interview : past) {
            interview
                    .score()
                    .ifPresent(score -> scores.computeIfAbsent(series(interview), group -> new ArrayList<>())
                            .add(score));
        }
        return scores;
    }

    /** The trend of each grade and engine with two scores or more. */
    public static List<String> trends(List<Interviews.Past> past) {
        List<String> trends = new ArrayList<>();
        scores(past).forEach((group, series) -> {
            if (series.size() > 1) {
                int first = series.get(0);
                int last = series.get(series.size() - 1);
                trends.add("Trend, %s: %d → %d (%+d) over %d interviews"
                        .formatted(group, first, last, last - first, series.size()));
            }
        });
        return trends;
    }

    /** The scored interviews, oldest first, each in the series of its grade and engine. */
    public static List<Point> points(List<Interviews.Past> past) {
        List<Point> points = new ArrayList<>();
        for (Interviews.Past interview : past) {
            Optional<Instant> started = started(interview.id());
            if (interview.score().isPresent() && started.isPresent()) {
                points.add(new Point(
                        series(interview), started.get(), interview.score().getAsInt()));
            }
        }
        return points;
    }

    /** Writes the page, a chart of the scores per grade and engine over time then the table, to {@code file}. */
    public static void write(List<Interviews.Past> past, Path file) throws IOException {
        StringBuilder md = new StringBuilder("| ")
                .append(String.join(" | ", COLUMNS))
                .append(" |\n")
                .append("|---".repeat(COLUMNS.size()))
                .append("|\n");
        past.forEach(interview -> md.append("| ")
                .append(String.join(
                        " | ", row(interview).stream().map(Pages::text).toList()))
                .append(" |\n"));
        md.append('\n');
        trends(past).forEach(trend -> md.append("- ").append(Pages.text(trend)).append('\n'));
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                Pages.page(
                        "Mock interview history",
                        "<h1>Mock interview history</h1>\n"
                                + Pages.figure(
                                        "Score per interview, one line per grade and engine (abandoned ones left out)",
                                        Charts.scores("score-chart", points(past)))
                                + "<h2>Every interview</h2>\n"
                                + Pages.html(md.toString())));
    }

    private static String series(Interviews.Past interview) {
        return "grade " + interview.grade() + ", " + interview.engine();
    }

    /** An interview's id is the instant it started, its colons written as dashes. */
    private static Optional<Instant> started(String id) {
        int time = id.indexOf('T');
        try {
            return time < 0
                    ? Optional.empty()
                    : Optional.of(Instant.parse(
                            id.substring(0, time) + id.substring(time).replace('-', ':')));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
