package katas.tool.command;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import katas.support.Catalogue;
import katas.tool.Kata;
import katas.tool.KataProblem;
import katas.tool.Progress;
import katas.tool.Project.Track;
import katas.tool.run.Outcome;
import katas.tool.watch.WatchLoop;
import katas.tool.watch.Watcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = {
            "Keeps one warm JVM and re-runs the exercise's tests each time one of its files is saved.",
            "Enter re-runs by hand; q then Enter, or Ctrl-C, quits."
        })
public final class WatchCommand implements Callable<Integer> {

    @ParentCommand
    Kata kata;

    @Parameters(
            arity = "0..1",
            paramLabel = "<id>",
            description = "the exercise id (default: the first not passed yet)")
    String id;

    @Option(
            names = "--poll-ms",
            paramLabel = "<ms>",
            defaultValue = "250",
            description = "how often to look at the files (default: ${DEFAULT-VALUE})")
    long pollMillis;

    @Option(
            names = "--warm-up",
            paramLabel = "<runs>",
            defaultValue = "8",
            description = {
                "silent runs of the reference's tests after the first run, until the first save, so that the JVM has",
                "compiled the engines' code before your first save (default: ${DEFAULT-VALUE}; 0 for none)"
            })
    int warmUpRuns;

    /** What tests of the command plug in: the keyboard, and what to tell after each run and after the warm-up. */
    public record Hooks(
            InputStream keys,
            Consumer<Outcome> afterEachRun,
            Consumer<Integer> afterWarmUp,
            Consumer<WatchLoop> started) {
        public static final Hooks NONE = new Hooks(System.in, outcome -> {}, runs -> {}, loop -> {});
    }

    @Override
    public Integer call() throws InterruptedException {
        Catalogue.Exercise exercise = id == null
                ? nextUnsolved(kata, null)
                        .orElseThrow(
                                () -> new KataProblem("every exercise has passed; name one to watch: kata watch <id>"))
                : kata.exercise(id);
        Path stub = kata.project().folder(Track.EXERCISES, exercise);
        Hooks hooks = kata.watchHooks();
        try (Watcher watcher =
                new Watcher(List.of(stub, kata.project().testFolder(exercise)), Duration.ofMillis(pollMillis))) {
            WatchLoop loop = new WatchLoop(watcher, kata.clock(), this::say).listeningTo(hooks.keys());
            hooks.started().accept(loop);
            kata.runner().startEnginesEarly(exercise);
            WatchLoop.End end = loop.run(
                    () -> learnerRun(exercise, stub, hooks.afterEachRun()),
                    WatchCommand::mixedClassLoaders,
                    () -> kata.runner().run(exercise, Track.SOLUTIONS) instanceof Outcome.TestsRan,
                    warmUpRuns,
                    hooks.afterWarmUp());
            if (end == WatchLoop.End.RESTART) {
                say(kata.colour("@|yellow kata: this JVM mixed classes of two compiles; restarting it to be sure|@"));
                return Kata.RESTART;
            }
        }
        return 0;
    }

    private Outcome learnerRun(Catalogue.Exercise exercise, Path stub, Consumer<Outcome> afterEachRun) {
        say(kata.colour("@|bold == " + exercise.id() + "|@ (watching "
                + kata.project().relative(stub) + "; Enter re-runs, q quits) =="));
        long started = kata.clock().millis();
        Outcome.Compilation compilation = kata.runner().compile(exercise, Track.EXERCISES);
        long compiled = kata.clock().millis();
        Outcome outcome = compilation instanceof Outcome.Compiled classes
                ? kata.runner().test(exercise, Track.EXERCISES, classes)
                : (Outcome.CompileFailed) compilation;
        long finished = kata.clock().millis();
        OutcomeReport.print(kata, exercise, Track.EXERCISES, outcome);
        say("(%d ms: compile %d ms, tests %d ms)"
                .formatted(finished - started, compiled - started, finished - compiled));
        if (OutcomeReport.allPassed(outcome)) {
            say(kata.colour("@|green,bold passed|@ — next: "
                    + kata.interviews()
                            .nextAfter(exercise.id())
                            .orElseGet(() -> nextUnsolved(kata, exercise.id())
                                    .map(next -> "kata watch " + next.id())
                                    .orElse("none, every exercise has passed"))));
        }
        afterEachRun.accept(outcome);
        return outcome;
    }

    private void say(String line) {
        kata.out().println(line);
        kata.out().flush();
    }

    /** A class-cast or missing class between two compiles of the exercise: a warm JVM can no longer be trusted. */
    public static boolean mixedClassLoaders(Outcome outcome) {
        return outcome instanceof Outcome.TestsRan ran
                && ran.tests().stream()
                        .map(Outcome.TestResult::message)
                        .anyMatch(message -> message.contains("katas.")
                                && (message.startsWith("ClassCastException")
                                        || message.startsWith("NoClassDefFoundError")
                                        || message.startsWith("ClassNotFoundException")));
    }

    /** The first exercise after {@code current} (in catalogue order, wrapping) that has not passed. */
    static Optional<Catalogue.Exercise> nextUnsolved(Kata kata, String current) {
        List<Catalogue.Exercise> exercises = kata.catalogue().exercises();
        Progress progress = kata.progress();
        int start = current == null ? 0 : exercises.indexOf(kata.exercise(current)) + 1;
        for (int i = 0; i < exercises.size(); i++) {
            Catalogue.Exercise candidate = exercises.get((start + i) % exercises.size());
            if (!candidate.id().equals(current) && !progress.of(candidate.id()).solved()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
