package katas.tool;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import katas.support.Catalogue;
import katas.tool.command.BenchCommand;
import katas.tool.command.CheckCommand;
import katas.tool.command.ClusterCommand;
import katas.tool.command.DevCommand;
import katas.tool.command.DiffCommand;
import katas.tool.command.DoctorCommand;
import katas.tool.command.HintCommand;
import katas.tool.command.HistoryCommand;
import katas.tool.command.InterviewCommand;
import katas.tool.command.ListCommand;
import katas.tool.command.QuestionsCommand;
import katas.tool.command.ResetCommand;
import katas.tool.command.RunCommand;
import katas.tool.command.WatchCommand;
import katas.tool.interview.Interviews;
import katas.tool.run.ExerciseRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code kata} command: progress, checks in a warm JVM, hints, diffs, resets and a watch loop. Each
 * subcommand is a class of {@code katas.tool.command}; this one holds what they share.
 */
@Command(
        name = "kata",
        mixinStandardHelpOptions = true,
        version = "bigdata-katas 0.1.0",
        description = "Practise the Spark and Flink katas: see where you are, check an exercise in a warm JVM, "
                + "reveal hints one at a time, compare with the reference, start over.",
        subcommands = {
            ListCommand.class,
            CheckCommand.class,
            WatchCommand.class,
            HintCommand.class,
            QuestionsCommand.class,
            InterviewCommand.class,
            HistoryCommand.class,
            DiffCommand.class,
            ResetCommand.class,
            RunCommand.class,
            ClusterCommand.class,
            BenchCommand.class,
            DoctorCommand.class,
            DevCommand.class,
            HelpCommand.class
        })
public final class Kata implements Runnable {

    /** Exit code asking ./kata to start a fresh JVM: the warm one saw classes from two loaders. */
    public static final int RESTART = 75;

    @Spec
    CommandSpec spec;

    private final Project project;
    private final Clock clock;
    private final Ansi ansi;
    private ExerciseRunner runner;
    private WatchCommand.Hooks watchHooks = WatchCommand.Hooks.NONE;
    private BufferedReader in;

    public Kata(Project project, Clock clock, Ansi ansi) {
        this.project = project;
        this.clock = clock;
        this.ansi = ansi;
    }

    public static void main(String[] args) {
        Kata kata = new Kata(Project.here(), Clock.systemDefaultZone(), Ansi.AUTO);
        int status = commandLine(kata).execute(args);
        kata.close();
        System.exit(status);
    }

    /** The command line, with a {@link KataProblem} reported as one red line and exit code 2. */
    public static CommandLine commandLine(Kata kata) {
        CommandLine commandLine = new CommandLine(kata);
        commandLine.setExecutionExceptionHandler((exception, command, parsed) -> {
            if (exception instanceof KataProblem || exception instanceof UncheckedIOException) {
                command.getErr().println(kata.ansi.string("@|red kata: " + exception.getMessage() + "|@"));
                return 2;
            }
            throw exception;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }

    public Project project() {
        return project;
    }

    public Clock clock() {
        return clock;
    }

    public Catalogue catalogue() {
        try {
            return project.catalogue();
        } catch (RuntimeException e) {
            throw new KataProblem(e.getMessage());
        }
    }

    /** The exercise, or a {@link KataProblem} naming the closest ids. */
    public Catalogue.Exercise exercise(String id) {
        Catalogue catalogue = catalogue();
        return catalogue.find(id).orElseThrow(() -> new KataProblem(catalogue.unknownIdMessage(id)));
    }

    /** The learner's progress; a damaged file is reported in one line and read as far as it goes. */
    public Progress progress() {
        Progress progress = Progress.load(project.progress());
        progress.warnings().forEach(warning -> err().println(colour("@|yellow kata: " + warning + "|@")));
        return progress;
    }

    /** The mock interview under way, if any, and the past ones. */
    public Interviews interviews() {
        return new Interviews(project);
    }

    /** One runner per process: it keeps the engines and the compiled tests warm between runs. */
    public ExerciseRunner runner() {
        if (runner == null) {
            runner = new ExerciseRunner(project);
        }
        return runner;
    }

    /** What the learner types, line by line (answers to questions). */
    public BufferedReader in() {
        if (in == null) {
            in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        return in;
    }

    /** For tests: what the learner types. */
    public void input(Reader typed) {
        this.in = new BufferedReader(typed);
    }

    public WatchCommand.Hooks watchHooks() {
        return watchHooks;
    }

    /** For tests: the keyboard of {@code watch}, and what to tell them as it goes. */
    public void watchHooks(WatchCommand.Hooks hooks) {
        this.watchHooks = hooks;
    }

    /** Removes what the runs compiled; the engines stop with the JVM. */
    public void close() {
        if (runner != null) {
            runner.close();
        }
    }

    /** Text with picocli's {@code @|style text|@} markup, coloured only where the output is a terminal. */
    public String colour(String markup) {
        return ansi.string(markup);
    }

    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    public PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
