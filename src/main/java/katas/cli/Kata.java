package katas.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import katas.support.Catalogue;
import katas.support.ExerciseLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code kata} command: progress, checks in a warm JVM, hints, diffs, resets and a watch loop. */
@Command(
        name = "kata",
        mixinStandardHelpOptions = true,
        version = "bigdata-katas 0.1.0",
        description = "Practise the Spark and Flink katas: see where you are, check an exercise in a warm JVM, "
                + "reveal hints one at a time, compare with the reference, start over.",
        subcommands = HelpCommand.class)
public final class Kata implements Runnable {

    /** Untouched copies of the stubs, for reset without git; the stubs-red gate keeps them equal to exercises/. */
    static final String PRISTINE = "src/pristine";
    private static final DateTimeFormatter BACKUP_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    @Spec
    CommandSpec spec;

    /** Exit code asking ./kata to start a fresh JVM: the warm one saw classes from two loaders. */
    static final int RESTART = 75;

    private final Path root;
    private final Clock clock;
    private final Ansi ansi;
    private ExerciseRunner runner;
    private InputStream keys = System.in;
    private Consumer<ExerciseRunner.Outcome> afterEachRun = outcome -> {};
    private IntConsumer afterWarmUp = runs -> {};
    private final AtomicBoolean stopWatching = new AtomicBoolean();

    Kata(Path root, Clock clock, Ansi ansi) {
        this.root = root;
        this.clock = clock;
        this.ansi = ansi;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new Kata(Catalogue.projectRoot(), Clock.systemDefaultZone(), Ansi.AUTO)).execute(args));
    }

    /** The command line, with a {@link KataProblem} reported as one red line and exit code 2. */
    static CommandLine commandLine(Kata kata) {
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

    /** A problem with the learner's input or workspace: one line, no stack trace. */
    static final class KataProblem extends RuntimeException {
        KataProblem(String message) {
            super(message);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every exercise with its engine, grade, minutes and your status.")
    int list() {
        Catalogue catalogue = catalogue();
        Progress progress = progress();
        int solved = 0;
        int started = 0;
        for (String engine : new TreeSet<>(catalogue.exercises().stream().map(Catalogue.Exercise::engine).toList())) {
            out().println(ansi.string("@|bold " + engine + "|@"));
            for (Catalogue.Exercise exercise : catalogue.exercises()) {
                if (!exercise.engine().equals(engine)) {
                    continue;
                }
                Progress.Entry entry = progress.of(exercise.id());
                solved += entry.solved() ? 1 : 0;
                started += entry.started() && !entry.solved() ? 1 : 0;
                out().println(ansi.string("  %-22s grade %d  %3d min  %s".formatted(
                        exercise.id(), exercise.grade(), exercise.minutes(), status(entry))));
            }
        }
        int total = catalogue.exercises().size();
        out().println("%d of %d passed, %d in progress, %d not started".formatted(solved, total, started, total - solved - started));
        return 0;
    }

    private static String status(Progress.Entry entry) {
        if (!entry.started()) {
            return "not started";
        }
        return entry.solved()
                ? "@|green passed|@ " + entry.lastRun()
                : "@|yellow failing " + (entry.total() - entry.passed()) + " of " + entry.total() + "|@ " + entry.lastRun();
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Compiles the exercise in-process and runs its tests; exit code 0 when all pass.")
    int check(
            @Parameters(paramLabel = "<id>", description = "the exercise id") String id,
            @Option(names = "--solution", description = "run the same tests against the reference") boolean solution) {
        Catalogue.Exercise exercise = exercise(id);
        runner().startSparkEarly(exercise);
        ExerciseRunner.Outcome outcome = runner().run(exercise, Track.of(solution));
        report(exercise, Track.of(solution), outcome);
        return outcome instanceof ExerciseRunner.TestsRan ran && ran.allPassed() ? 0 : 1;
    }

    /** Prints a run's outcome and records it as progress (the learner's track only). */
    void report(Catalogue.Exercise exercise, Track track, ExerciseRunner.Outcome outcome) {
        if (outcome instanceof ExerciseRunner.CompileFailed failed) {
            out().println(ansi.string("@|red " + exercise.id() + " does not compile:|@"));
            failed.diagnostics().forEach(line -> out().println("  " + line));
            return;
        }
        ExerciseRunner.TestsRan ran = (ExerciseRunner.TestsRan) outcome;
        if (ran.tests().isEmpty()) {
            out().println(ansi.string("@|red no test of " + exercise.test() + " could run: is the test class intact?|@"));
        }
        for (ExerciseRunner.TestResult test : ran.tests()) {
            String name = test.name() + " @|faint (" + test.millis() + " ms)|@";
            out().println(ansi.string(test.passed() ? "  @|green PASS|@ " + name : "  @|red FAIL|@ " + name));
            if (!test.passed()) {
                test.message().lines().limit(6).forEach(line -> out().println("       " + line));
            }
        }
        out().println(ansi.string("%s: %d of %d tests pass (track: %s)".formatted(
                exercise.id(), ran.passed(), ran.tests().size(), track.folder)));
        if (track == Track.EXERCISES) {
            progress().recordCheck(exercise.id(), (int) ran.passed(), ran.tests().size(), LocalDate.now(clock));
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true, description = {
            "Keeps one warm JVM and re-runs the exercise's tests each time one of its files is saved.",
            "Enter re-runs by hand; q then Enter, or Ctrl-C, quits."})
    int watch(
            @Parameters(arity = "0..1", paramLabel = "<id>", description = "the exercise id (default: the first not passed yet)")
                    String id,
            @Option(names = "--poll-ms", paramLabel = "<ms>", defaultValue = "250", description = "how often to look at the files (default: ${DEFAULT-VALUE})")
                    long pollMillis,
            @Option(names = "--warm-up", paramLabel = "<runs>", defaultValue = "8", description = {
                    "silent runs of the reference's tests after the first run, until the first save, so that the JVM has",
                    "compiled the engines' code before your first save (default: ${DEFAULT-VALUE}; 0 for none)"})
                    int warmUpRuns)
            throws InterruptedException {
        Catalogue.Exercise exercise = id == null ? nextUnsolved(null).orElseThrow(
                () -> new KataProblem("every exercise has passed; name one to watch: kata watch <id>")) : exercise(id);
        Path stub = root.resolve(Track.EXERCISES.folder).resolve(exercise.folder());
        try (Watcher watcher = new Watcher(List.of(stub, root.resolve("src/test/java").resolve(exercise.folder())),
                Duration.ofMillis(pollMillis))) {
            listenForKeys(watcher);
            runner().startSparkEarly(exercise);
            do {
                out().println(ansi.string("@|bold == " + exercise.id() + "|@ (watching " + root.relativize(stub)
                        + "; Enter re-runs, q quits) =="));
                long started = System.nanoTime();
                ExerciseRunner.Compilation compilation = runner().compile(exercise, Track.EXERCISES);
                long compiled = System.nanoTime();
                ExerciseRunner.Outcome outcome = compilation instanceof ExerciseRunner.Compiled classes
                        ? runner().test(exercise, Track.EXERCISES, classes) : (ExerciseRunner.CompileFailed) compilation;
                report(exercise, Track.EXERCISES, outcome);
                out().println("(%d ms: compile %d ms, tests %d ms)".formatted((System.nanoTime() - started) / 1_000_000,
                        (compiled - started) / 1_000_000, (System.nanoTime() - compiled) / 1_000_000));
                if (mixedClassLoaders(outcome)) {
                    out().println(ansi.string("@|yellow kata: this JVM mixed classes of two compiles; restarting it to be sure|@"));
                    out().flush();
                    return RESTART;
                }
                if (outcome instanceof ExerciseRunner.TestsRan ran && ran.allPassed()) {
                    out().println(ansi.string("@|green,bold passed|@ — next: " + nextUnsolved(exercise.id())
                            .map(Catalogue.Exercise::id).map(next -> "kata watch " + next).orElse("none, every exercise has passed")));
                }
                out().flush();
                afterEachRun.accept(outcome);
                if (warmUpRuns > 0) {
                    warmUp(exercise, watcher, warmUpRuns);
                    warmUpRuns = 0;
                }
            } while (watcher.awaitChange(stopWatching, message -> out().println(message)));
        }
        return 0;
    }

    /**
     * While the learner reads the stub, runs the reference's tests silently (nothing shown or recorded) until
     * the first save: a warm JVM runs Spark's planner and javac several times faster than a fresh one.
     */
    private void warmUp(Catalogue.Exercise exercise, Watcher watcher, int runs) {
        long started = System.nanoTime();
        int done = 0;
        while (done < runs && !stopWatching.get() && !watcher.changePending()) {
            try {
                if (!(runner().run(exercise, Track.SOLUTIONS) instanceof ExerciseRunner.TestsRan)) {
                    break; // no reference to warm up with
                }
            } catch (RuntimeException | LinkageError unexpected) {
                break; // a warm-up is only an optimisation: the learner's runs report any real problem
            }
            done++;
        }
        if (done > 0) {
            out().println(ansi.string("@|faint (warmed up: %d silent runs of the reference in %.1f s)|@"
                    .formatted(done, (System.nanoTime() - started) / 1e9)));
            out().flush();
        }
        afterWarmUp.accept(done);
    }

    private void listenForKeys(Watcher watcher) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(keys, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.strip().equalsIgnoreCase("q")) {
                        break;
                    }
                    watcher.requestRerun();
                }
            } catch (IOException closed) {
                // no more keys: stop as if q
            }
            stopWatching.set(true);
        }, "kata-keys");
        reader.setDaemon(true);
        reader.start();
    }

    /** A class-cast or missing class between two compiles of the exercise: a warm JVM can no longer be trusted. */
    static boolean mixedClassLoaders(ExerciseRunner.Outcome outcome) {
        return outcome instanceof ExerciseRunner.TestsRan ran && ran.tests().stream().map(ExerciseRunner.TestResult::message)
                .anyMatch(message -> message.contains("katas.") && (message.startsWith("ClassCastException")
                        || message.startsWith("NoClassDefFoundError") || message.startsWith("ClassNotFoundException")));
    }

    /** The first exercise after {@code current} (in catalogue order, wrapping) that has not passed. */
    private Optional<Catalogue.Exercise> nextUnsolved(String current) {
        List<Catalogue.Exercise> exercises = catalogue().exercises();
        Progress progress = progress();
        int start = current == null ? 0 : exercises.indexOf(exercise(current)) + 1;
        for (int i = 0; i < exercises.size(); i++) {
            Catalogue.Exercise candidate = exercises.get((start + i) % exercises.size());
            if (!candidate.id().equals(current) && !progress.of(candidate.id()).solved()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** For tests: the keyboard, and what to tell after each run and after the warm-up (its number of runs). */
    void watchHooks(InputStream keys, Consumer<ExerciseRunner.Outcome> afterEachRun, IntConsumer afterWarmUp) {
        this.keys = keys;
        this.afterEachRun = afterEachRun;
        this.afterWarmUp = afterWarmUp;
    }

    void stopWatching() {
        stopWatching.set(true);
    }

    @Command(name = "hint", mixinStandardHelpOptions = true, description = "Reveals the next hint of the exercise; each call shows one more.")
    int hint(
            @Parameters(paramLabel = "<id>", description = "the exercise id") String id,
            @Option(names = "--all", description = "show every hint") boolean all) {
        Catalogue.Exercise exercise = exercise(id);
        List<String> hints = Hints.read(root.resolve("HINTS.md")).getOrDefault(exercise.id(), List.of());
        if (hints.isEmpty()) {
            throw new KataProblem("HINTS.md has no section '## " + exercise.id() + "'");
        }
        Progress progress = progress();
        int revealed = all ? hints.size() : Math.min(progress.of(exercise.id()).hintsRevealed() + 1, hints.size());
        for (int i = 0; i < revealed; i++) {
            out().println(ansi.string("@|bold Hint " + (i + 1) + " of " + hints.size() + "|@  " + hints.get(i)));
        }
        if (revealed == hints.size()) {
            out().println("That was the last hint. Compare with the reference: kata diff " + exercise.id());
        }
        progress.recordHints(exercise.id(), revealed);
        return 0;
    }

    @Command(name = "diff", mixinStandardHelpOptions = true, description = "Your files of the exercise against the reference, file by file.")
    int diff(@Parameters(paramLabel = "<id>", description = "the exercise id") String id) {
        Catalogue.Exercise exercise = exercise(id);
        Path mine = root.resolve(Track.EXERCISES.folder).resolve(exercise.folder());
        Path reference = root.resolve(Track.SOLUTIONS.folder).resolve(exercise.folder());
        Set<String> files = new TreeSet<>(relativeFiles(mine));
        files.addAll(relativeFiles(reference));
        for (String file : files) {
            List<String> before = lines(mine.resolve(file));
            List<String> after = lines(reference.resolve(file));
            List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(
                    Track.EXERCISES.folder + "/" + exercise.folder() + "/" + file,
                    Track.SOLUTIONS.folder + "/" + exercise.folder() + "/" + file,
                    before, DiffUtils.diff(before, after), 3);
            if (unified.isEmpty()) {
                out().println(ansi.string("@|green " + file + ": same as the reference|@"));
            }
            unified.forEach(line -> out().println(colour(line)));
        }
        return 0;
    }

    private String colour(String diffLine) {
        String text = diffLine.replace("|@", "| @");
        if (diffLine.startsWith("+++") || diffLine.startsWith("---")) {
            return ansi.string("@|bold " + text + "|@");
        }
        if (diffLine.startsWith("@@")) {
            return ansi.string("@|cyan " + text + "|@");
        }
        if (diffLine.startsWith("+")) {
            return ansi.string("@|green " + text + "|@");
        }
        return diffLine.startsWith("-") ? ansi.string("@|red " + text + "|@") : diffLine;
    }

    @Command(name = "reset", mixinStandardHelpOptions = true, description = "Restores the untouched stub; your current files are backed up first under .kata/backups/.")
    int reset(@Parameters(paramLabel = "<id>", description = "the exercise id") String id) throws IOException {
        Catalogue.Exercise exercise = exercise(id);
        Path pristine = root.resolve(PRISTINE).resolve(exercise.folder());
        if (!Files.isDirectory(pristine)) {
            throw new KataProblem("no pristine copy of " + exercise.id() + " in " + PRISTINE + "; nothing was changed");
        }
        Path mine = root.resolve(Track.EXERCISES.folder).resolve(exercise.folder());
        Path backup = root.resolve(".kata/backups").resolve(exercise.id()).resolve(LocalDateTime.now(clock).format(BACKUP_TIME));
        copyTree(mine, backup);
        ExerciseRunner.deleteRecursively(mine);
        copyTree(pristine, mine);
        out().println("Restored the stub of " + exercise.id() + " in " + root.relativize(mine) + ".");
        out().println("Your previous files are in " + root.relativize(backup));
        return 0;
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the exercise's main on the guide's input (in its own JVM).")
    int run(
            @Parameters(paramLabel = "<id>", description = "the exercise id") String id,
            @Option(names = "--solution", description = "run the reference") boolean solution)
            throws IOException, InterruptedException {
        Catalogue.Exercise exercise = exercise(id);
        Track track = Track.of(solution);
        ExerciseRunner.Compilation compilation = runner().compile(exercise, track);
        if (compilation instanceof ExerciseRunner.CompileFailed failed) {
            report(exercise, track, failed);
            return 1;
        }
        // Fresh classes first on the class path of a new JVM: the engines' own class loaders then see them too.
        List<String> classPath = new ArrayList<>();
        ((ExerciseRunner.Compiled) compilation).classes().forEach(folder -> classPath.add(folder.toString()));
        classPath.add(System.getProperty("java.class.path"));
        out().flush();
        return ExerciseLauncher.runInOwnJvm(String.join(java.io.File.pathSeparator, classPath),
                track.folder, root, exercise.id());
    }

    @Command(name = "doctor", mixinStandardHelpOptions = true, description = "Checks the JDK, Maven, memory, disk, Spark's JDK flags and the Maven repository.")
    int doctor() throws IOException {
        List<String[]> checks = new ArrayList<>();
        int java = Runtime.version().feature();
        checks.add(check(java >= 17, "JDK " + Runtime.version(), "install JDK 17 or newer and put it first on PATH"));
        checks.add(check(javax.tools.ToolProvider.getSystemJavaCompiler() != null, "Java compiler available",
                "kata needs a JDK, not a JRE: set JAVA_HOME to a JDK"));
        checks.add(check(onPath("mvn"), "Maven on PATH", "install Maven 3.8+ (apt-get install maven)"));
        long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        checks.add(check(heapMb >= 1024, "max heap " + heapMb + " MB", "give kata at least 1 GB: KATA_JAVA_OPTS=-Xmx2g ./kata ..."));
        FileStore store = Files.getFileStore(root);
        long freeMb = store.getUsableSpace() / (1024 * 1024);
        checks.add(check(freeMb >= 1024, freeMb + " MB free on the project's disk", "free at least 1 GB (Spark and Flink write temp files)"));
        boolean opened = Object.class.getModule().isOpen("sun.nio.ch", Kata.class.getModule());
        checks.add(check(opened, "Spark's --add-opens flags in effect", "start kata through ./kata, which passes them"));
        Path repository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        checks.add(check(Files.isDirectory(repository) && Files.isReadable(repository), "Maven repository " + repository,
                "run ./kata once with network access, or mvn test-compile, to fill it"));
        boolean healthy = true;
        for (String[] check : checks) {
            boolean ok = check[0].equals("ok");
            healthy &= ok;
            out().println(ansi.string(ok ? "@|green ok|@   " + check[1] : "@|red fix|@  " + check[1] + ": " + check[2]));
        }
        return healthy ? 0 : 1;
    }

    private static String[] check(boolean ok, String what, String fix) {
        return new String[] {ok ? "ok" : "fix", what, fix};
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, program)));
    }

    Catalogue catalogue() {
        try {
            return Catalogue.load(root.resolve(Catalogue.FILE_NAME));
        } catch (RuntimeException e) {
            throw new KataProblem(e.getMessage());
        }
    }

    Catalogue.Exercise exercise(String id) {
        Catalogue catalogue = catalogue();
        return catalogue.find(id).orElseThrow(() -> new KataProblem(catalogue.unknownIdMessage(id)));
    }

    Progress progress() {
        Progress progress = Progress.load(root.resolve(".kata/progress.tsv"));
        progress.warnings().forEach(warning -> spec.commandLine().getErr().println(ansi.string("@|yellow kata: " + warning + "|@")));
        return progress;
    }

    ExerciseRunner runner() {
        if (runner == null) {
            runner = new ExerciseRunner(root);
        }
        return runner;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private static List<String> relativeFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(file -> folder.relativize(file).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a file, or a folder with everything below it; a missing source copies nothing. */
    static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
