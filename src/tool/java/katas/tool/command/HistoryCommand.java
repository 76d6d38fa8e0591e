package katas.tool.command;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import katas.tool.Kata;
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
        List<String[]> past = kata.interviews().history();
        if (past.isEmpty()) {
            kata.out().println("No interview yet: kata interview start");
            return 0;
        }
        kata.out().println("interview              minutes  score  submitted  exercises");
        for (String[] interview : past) {
            kata.out()
                    .println("%-22s %7s  %5s  %-9s  %s"
                            .formatted(interview[0], interview[1], interview[2], interview[3], interview[4]));
        }
        if (past.size() > 1) {
            int first = Integer.parseInt(past.get(0)[2]);
            int last = Integer.parseInt(past.get(past.size() - 1)[2]);
            kata.out()
                    .println("Trend: %d → %d (%+d) over %d interviews"
                            .formatted(first, last, last - first, past.size()));
        }
        return 0;
    }
}
