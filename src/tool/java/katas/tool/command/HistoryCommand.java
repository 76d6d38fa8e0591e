package katas.tool.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import katas.tool.Kata;
import katas.tool.interview.InterviewHistory;
import katas.tool.interview.Interviews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "Past mock interviews, their scores and the trend.")
public final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    Kata kata;

    @Option(
            names = "--html",
            description = "also write a page with a chart of the score per grade and engine over time, and the table")
    boolean html;

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
                    .println("%-22s %5s  %-6s  %7s  %5s  %-9s  %s"
                            .formatted(InterviewHistory.row(interview).toArray()));
        }
        InterviewHistory.trends(past).forEach(kata.out()::println);
        if (html) {
            Path page = kata.project().interviews().resolve("history.html");
            InterviewHistory.write(past, page);
            kata.out().println("Page: " + kata.project().relative(page));
        }
        return 0;
    }
}
