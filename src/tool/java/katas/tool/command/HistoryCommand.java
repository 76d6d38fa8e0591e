package katas.tool.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import katas.tool.Kata;
import katas.tool.interview.Interviews;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "Past mock interviews, their scores and the trend.")
public final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    Kata kata;

    @Override
    public Integer call() throws IOException {
        List<Interviews.Past> past = kata.interviews().history();
        if (past.isEmpty()) {
            kata.out().println("No interview yet: kata interview start");
            return 0;
        }
        kata.out().println("interview              grade  engine  minutes  score  ended      exercises");
        for (Interviews.Past interview : past) {
            kata.out()
                    .println("%-22s %5s  %-6s  %7d  %5s  %-9s  %s"
                            .formatted(
                                    interview.id(),
                                    interview.grade(),
                                    interview.engine(),
                                    interview.minutes(),
                                    interview.score().isPresent()
                                            ? Integer.toString(interview.score().getAsInt())
                                            : "-",
                                    interview.ended(),
                                    interview.exercises()));
        }
        // A trend compares like with like: one per grade and engine, over the scored interviews.
        Map<String, List<Integer>> scores = new TreeMap<>();
        for (Interviews.Past interview : past) {
            interview
                    .score()
                    .ifPresent(score -> scores.computeIfAbsent(
                                    "grade " + interview.grade() + ", " + interview.engine(),
                                    group -> new ArrayList<>())
                            .add(score));
        }
        scores.forEach((group, series) -> {
            if (series.size() > 1) {
                int first = series.get(0);
                int last = series.get(series.size() - 1);
                kata.out()
                        .println("Trend, %s: %d → %d (%+d) over %d interviews"
                                .formatted(group, first, last, last - first, series.size()));
            }
        });
        return 0;
    }
}
