package katas.tool.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import katas.tool.Kata;
import katas.tool.Questions;
import katas.tool.interview.Interview;
import katas.tool.interview.Interviews;
import katas.tool.interview.Practice;
import katas.tool.interview.Report;
import katas.tool.interview.Rubric;

/** How an interview ends: submitted by the learner, or by itself at the first command after its time is up. */
final class InterviewEnd {

    private static final int FOLLOW_UPS = 3;

    private InterviewEnd() {}

    /**
     * At a check, a watch run, a hint or a status after the deadline: submits the interview as it stood at
     * the deadline, with no follow-up questions (they score nothing), and says so. True when it did.
     */
    static boolean submitIfTimeUp(Kata kata) {
        Interviews interviews = kata.interviews();
        return interviews
                .timeUp(kata.clock().instant())
                .map(interview -> {
                    List<String> tampered = interviews.tampered(
                            interview,
                            interview.tasks().stream()
                                    .map(task -> kata.exercise(task.id()))
                                    .toList());
                    if (!tampered.isEmpty()) {
                        say(
                                kata,
                                "@|yellow,bold The interview's time is up,|@ but it cannot submit itself: changed"
                                        + " since it started: " + String.join(", ", tampered)
                                        + " (put them back, then kata interview submit; it will be marked late)");
                        return true;
                    }
                    say(
                            kata,
                            "@|yellow,bold The interview's time is up:|@ it submits itself with the results of the"
                                    + " runs made in time; this run and later ones do not count.");
                    try {
                        score(kata, interviews.submitAtDeadline(interview), false);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return true;
                })
                .orElse(false);
    }

    /** Asks the follow-up questions (unless the time was up), scores the submitted interview and writes its report. */
    static void score(Kata kata, Interview submitted, boolean askFollowUps) throws IOException {
        Interviews interviews = kata.interviews();
        List<Questions.Asked> asked = Questions.forInterview(
                Questions.read(kata.project().questions()),
                submitted.tasks().stream().map(Interview.Task::id).toList(),
                submitted.engine(),
                FOLLOW_UPS);
        List<Report.FollowUp> followUps = List.of();
        if (askFollowUps) {
            say(kata, "@|bold Follow-up questions|@");
            followUps = new FollowUpQuestions(kata).ask(asked);
        }
        Duration used = Duration.ofMillis(submitted.submittedAtMillis() - submitted.startedAtMillis());
        List<Rubric.Line> rubric = Rubric.score(submitted, used, followUps, asked.size());
        say(
                kata,
                "@|bold Score: " + "%.0f".formatted(Rubric.total(rubric)) + " of 100|@"
                        + (submitted.timeUp() ? " (time up)" : Report.late(submitted) ? " (late)" : ""));
        rubric.forEach(line ->
                say(kata, "  %-12s %5.1f of %d  %s".formatted(line.name(), line.points(), line.max(), line.how())));
        List<String> next =
                Practice.next(kata.catalogue(), kata.progress(), interviews.past(), LocalDate.now(kata.clock()), 3);
        Path report = interviews.saveReport(
                submitted,
                Report.markdown(submitted, rubric, followUps, next),
                Report.html(submitted, rubric, followUps, next),
                Rubric.total(rubric));
        say(kata, "Report: " + kata.project().relative(report) + " (and report.html beside it)");
        say(kata, "Your own files come back with: kata interview restore");
    }

    private static void say(Kata kata, String markup) {
        kata.out().println(kata.colour(markup));
        kata.out().flush();
    }
}
