package katas.cli;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import katas.support.Catalogue;
import katas.support.LocalSpark;
import katas.support.NotImplementedYet;
import org.apache.spark.sql.SparkSession;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Compiles one exercise (its track's folder and its tests) in this JVM and runs its tests here, so that
 * the engines stay warm between runs. Each run compiles into a fresh folder and loads it through a fresh
 * {@link ExerciseClassLoader}: a re-run never sees a stale class. The tests are recompiled only when their
 * sources or the exercise's API (what they compile against) changed; otherwise their last classes are reused.
 */
final class ExerciseRunner {

    /** What one run gave: the compiler's complaints, or one result per test. */
    sealed interface Outcome permits CompileFailed, TestsRan {}

    /** What a compile gave: the compiler's complaints, or a folder of fresh classes. */
    sealed interface Compilation permits CompileFailed, Compiled {}

    record CompileFailed(List<String> diagnostics) implements Outcome, Compilation {}

    /** Fresh class folders (the exercise's, then its tests' if compiled apart) and the packages they hold. */
    record Compiled(List<Path> classes, Set<String> packages) implements Compilation {}

    /** Test classes compiled against an exercise API, reusable while neither that API nor the tests change. */
    private record CompiledTests(String exerciseApi, String testSources, Path classes) {}

    record TestResult(String name, boolean passed, String message, long millis) {}

    record TestsRan(List<TestResult> tests) implements Outcome {
        long passed() {
            return tests.stream().filter(TestResult::passed).count();
        }

        boolean allPassed() {
            return !tests.isEmpty() && passed() == tests.size();
        }
    }

    /** Names in a class file's constant pool that mean user code runs inside Spark tasks. */
    private static final List<String> SPARK_USER_CODE = List.of(
            "org/apache/spark/api/java/function/", "org/apache/spark/sql/api/java/UDF", "org/apache/spark/sql/expressions/UserDefined");

    private final Path root;
    private final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    private final StandardJavaFileManager fileManager;
    private final Launcher launcher = LauncherFactory.create(
            LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
    private final Map<String, CompiledTests> compiledTests = new HashMap<>();
    private Thread sparkStarter;
    private Path previousOutput;

    ExerciseRunner(Path root) {
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home") + ": run kata with a JDK, not a JRE");
        }
        this.root = root;
        this.fileManager = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        try {
            // Set once: passing -classpath to each compile would make javac index every jar again.
            fileManager.setLocationFromPaths(StandardLocation.CLASS_PATH, Stream.of(
                    System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the class path for compiling", e);
        }
    }

    /**
     * Starts Spark on another thread when the exercise uses it and no session runs yet: on a cold JVM the
     * session takes seconds to come up, and these then overlap with javac's. {@link #test} waits for it.
     * Returns whether it started one.
     */
    boolean startSparkEarly(Catalogue.Exercise exercise) {
        if (exercise.engine().equals("flink") || SparkSession.getDefaultSession().isDefined() || sparkStarter != null) {
            return false;
        }
        sparkStarter = new Thread(() -> {
            try {
                LocalSpark.session();
            } catch (RuntimeException | LinkageError e) {
                // the tests' own call meets the same problem and reports it
            }
        }, "kata-spark-start");
        sparkStarter.setDaemon(true);
        sparkStarter.start();
        return true;
    }

    private void awaitSparkStart() throws InterruptedException {
        if (sparkStarter != null) {
            sparkStarter.join();
            sparkStarter = null;
        }
    }

    private List<Path> exerciseSources(Catalogue.Exercise exercise, Track track) {
        return javaFiles(root.resolve(track.folder).resolve(exercise.folder()));
    }

    private List<Path> testSources(Catalogue.Exercise exercise) {
        return javaFiles(root.resolve("src/test/java").resolve(exercise.folder()));
    }

    Outcome run(Catalogue.Exercise exercise, Track track) {
        Compilation compilation = compile(exercise, track);
        return compilation instanceof Compiled compiled ? test(exercise, track, compiled) : (CompileFailed) compilation;
    }

    /**
     * Compiles the exercise's sources alone when its tests' classes of an earlier run can be reused: neither
     * the tests nor the exercise's API (what tests compile against) changed, as when a learner edits a method
     * body. Otherwise compiles the exercise with its tests and keeps the tests' classes for the next runs.
     */
    Compilation compile(Catalogue.Exercise exercise, Track track) {
        List<Path> exerciseSources = exerciseSources(exercise, track);
        List<Path> testSources = testSources(exercise);
        List<Path> sources = new ArrayList<>(exerciseSources); // what a run compiles: the exercise, then its tests
        sources.addAll(testSources);
        Set<String> packages = packagesOf(sources);
        Path output = freshOutputFolder(exercise);
        String cacheKey = exercise.id() + "-" + track.folder;
        String testContents = contents(testSources);
        CompiledTests cached = compiledTests.get(cacheKey);
        if (cached != null && cached.testSources().equals(testContents) && !exerciseSources.isEmpty()) {
            ApiListener exerciseOnly = new ApiListener(Set.of());
            List<String> errors = javac(exerciseSources, packages, output.resolve("exercise"), exerciseOnly);
            if (!errors.isEmpty()) {
                return new CompileFailed(errors);
            }
            if (exerciseOnly.api().equals(cached.exerciseApi())) {
                return new Compiled(List.of(output.resolve("exercise"), cached.classes()), packages);
            }
        }
        ApiListener all = new ApiListener(testSources.stream().map(Path::toUri).collect(Collectors.toSet()));
        List<String> errors = javac(sources, packages, output.resolve("all"), all);
        if (!errors.isEmpty()) {
            return new CompileFailed(errors);
        }
        Path testClasses = keepTestClasses(output.resolve("all"), all.testTypes(), cacheKey);
        if (cached != null) {
            deleteQuietly(cached.classes());
        }
        compiledTests.put(cacheKey, new CompiledTests(all.api(), testContents, testClasses));
        return new Compiled(List.of(output.resolve("all")), packages);
    }

    /** Runs javac on {@code sources} into {@code output}, telling {@code listener}; returns its errors. */
    private List<String> javac(List<Path> sources, Set<String> packages, Path output, TaskListener listener) {
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-d", output.toString(), "-proc:none", "-g", "-encoding", "UTF-8", "-Xlint:none");
        JavacTask task = (JavacTask) compiler.getTask(null, new HidingExercisePackages(fileManager, packages), diagnostics,
                options, null, fileManager.getJavaFileObjectsFromPaths(sources));
        task.addTaskListener(listener);
        if (task.call()) {
            return List.of();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(this::describe)
                .toList();
    }

    /** Collects, as javac analyzes each class, the API of the exercise's classes and the names of the test classes. */
    private static final class ApiListener implements TaskListener {
        private final Set<URI> testSources;
        private final Map<String, String> exerciseApi = new TreeMap<>();
        private final Set<String> testTypes = new HashSet<>();

        ApiListener(Set<URI> testSources) {
            this.testSources = testSources;
        }

        @Override
        public void finished(TaskEvent event) {
            TypeElement type = event.getTypeElement();
            if (event.getKind() != TaskEvent.Kind.ANALYZE || type == null) {
                return;
            }
            if (testSources.contains(event.getSourceFile().toUri())) {
                testTypes.add(type.getQualifiedName().toString());
            } else {
                StringBuilder api = new StringBuilder();
                describeApi(type, api);
                exerciseApi.put(type.getQualifiedName().toString(), api.toString());
            }
        }

        String api() {
            return String.join("", exerciseApi.values());
        }

        Set<String> testTypes() {
            return testTypes;
        }
    }

    /** What other classes compile against: every non-private type and member, with constant values (javac inlines them). */
    static void describeApi(TypeElement type, StringBuilder api) {
        api.append(type.getModifiers()).append(' ').append(type.getKind()).append(' ').append(type.getQualifiedName())
                .append(type.getTypeParameters()).append(" : ").append(type.getSuperclass()).append(type.getInterfaces()).append('\n');
        for (Element member : type.getEnclosedElements()) {
            if (member.getModifiers().contains(Modifier.PRIVATE)) {
                continue;
            }
            if (member instanceof TypeElement nested) {
                describeApi(nested, api);
                continue;
            }
            api.append("  ").append(member.getModifiers()).append(' ').append(member.getKind()).append(' ')
                    .append(member).append(' ').append(member.asType());
            if (member instanceof ExecutableElement method) {
                api.append(" throws ").append(method.getThrownTypes());
            } else if (member instanceof VariableElement field && field.getConstantValue() != null) {
                api.append(" = ").append(field.getConstantValue());
            }
            api.append('\n');
        }
    }

    /** Copies the classes of the test types (with their nested and anonymous classes) out of {@code compiled}, to reuse. */
    private Path keepTestClasses(Path compiled, Set<String> testTypes, String cacheKey) {
        try (Stream<Path> files = Files.walk(compiled)) {
            Path kept = Files.createTempDirectory(compiled.getParent().getParent(), cacheKey + "-tests-");
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                Path relative = compiled.relativize(file);
                String binaryName = relative.toString().replace(File.separatorChar, '.').replaceFirst("\\.class$", "");
                if (testTypes.contains(binaryName.split("\\$", 2)[0])) {
                    Files.createDirectories(kept.resolve(relative).getParent());
                    Files.copy(file, kept.resolve(relative));
                }
            }
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the compiled tests under target/kata", e);
        }
    }

    private static String contents(List<Path> files) {
        StringBuilder contents = new StringBuilder();
        for (Path file : files) {
            try {
                contents.append(file).append('\n').append(Files.readString(file)).append('\n');
            } catch (IOException e) {
                contents.append(file).append(" unreadable\n"); // javac reports it
            }
        }
        return contents.toString();
    }

    TestsRan test(Catalogue.Exercise exercise, Track track, Compiled compiled) {
        Set<String> packages = compiled.packages();
        Thread thread = Thread.currentThread();
        ClassLoader previousContext = thread.getContextClassLoader();
        String previousTrack = System.getProperty("kata.track");
        List<TestResult> results = new ArrayList<>();
        try (ExerciseClassLoader loader = new ExerciseClassLoader(compiled.classes(), packages, getClass().getClassLoader())) {
            awaitSparkStart(); // before any decision about the session below
            boolean userCodeInSparkTasks = compiled.classes().stream().anyMatch(ExerciseRunner::shipsUserCodeToSparkTasks);
            if (userCodeInSparkTasks) {
                // Spark's tasks load user classes through the loader the session started with, and cache them.
                stopSparkSession();
            }
            // Spark caches generated code per context class loader: DataFrame-only code keeps the warm JVM's
            // loader so that each run reuses it; code whose classes are looked up by name gets the fresh one.
            if (userCodeInSparkTasks || !exercise.engine().equals("spark")) {
                thread.setContextClassLoader(loader);
            }
            System.setProperty("kata.track", track.folder);
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(loader.loadClass(exercise.test())))
                    .filters(EngineFilter.includeEngines("junit-jupiter"))
                    .build(), new Collecting(results));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException renamedOrDeleted) {
            return new TestsRan(List.of()); // reported as "no test could run"
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TestsRan(List.of());
        } finally {
            thread.setContextClassLoader(previousContext);
            restore("kata.track", previousTrack);
        }
        return new TestsRan(List.copyOf(results));
    }

    /**
     * The class path holds the reference's compiled classes (the warm JVM's support code comes with them):
     * the exercise's own packages must be compiled from its sources alone, or a missing or renamed class
     * would silently compile against the reference.
     */
    private static final class HidingExercisePackages extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Set<String> hidden;

        HidingExercisePackages(StandardJavaFileManager files, Set<String> hidden) {
            super(files);
            this.hidden = hidden;
        }

        @Override
        public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
                boolean recurse) throws IOException {
            return location == StandardLocation.CLASS_PATH && hidden.contains(packageName)
                    ? List.of()
                    : super.list(location, packageName, kinds, recurse);
        }
    }

    /** Records each test's result and duration in the order they finish. */
    private record Collecting(List<TestResult> results, Map<String, Long> startedAt) implements TestExecutionListener {
        Collecting(List<TestResult> results) {
            this(results, new HashMap<>());
        }

        @Override
        public void executionStarted(TestIdentifier test) {
            startedAt.put(test.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest()) {
                boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                long millis = (System.nanoTime() - startedAt.getOrDefault(test.getUniqueId(), System.nanoTime())) / 1_000_000;
                results.add(new TestResult(test.getDisplayName(), passed,
                        passed ? "" : result.getThrowable().map(Collecting::message).orElse(""), millis));
            }
        }

        private static String message(Throwable failure) {
            String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage().strip();
            return failure instanceof NotImplementedYet || failure instanceof AssertionError
                    ? message : failure.getClass().getSimpleName() + ": " + message;
        }
    }

    private String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
        String file = diagnostic.getSource() == null ? "" : root.relativize(Path.of(diagnostic.getSource().toUri())) + ":";
        return file + diagnostic.getLineNumber() + ": " + diagnostic.getMessage(Locale.ROOT);
    }

    private Path freshOutputFolder(Catalogue.Exercise exercise) {
        try {
            Path runs = Files.createDirectories(root.resolve("target/kata/runs"));
            if (previousOutput != null) {
                deleteQuietly(previousOutput);
            }
            previousOutput = Files.createTempDirectory(runs, exercise.id() + "-");
            return previousOutput;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for compiled classes under target/kata", e);
        }
    }

    private Set<String> packagesOf(List<Path> sources) {
        Set<String> packages = new TreeSet<>();
        for (Path source : sources) {
            Path base = source.startsWith(root.resolve("src/test/java")) ? root.resolve("src/test/java")
                    : source.startsWith(root.resolve(Track.SOLUTIONS.folder)) ? root.resolve(Track.SOLUTIONS.folder)
                    : root.resolve(Track.EXERCISES.folder);
            packages.add(base.relativize(source.getParent()).toString().replace(File.separatorChar, '.'));
        }
        return packages;
    }

    private static List<Path> javaFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            deleteRecursively(folder);
        } catch (IOException stillOpen) {
            // a left-over folder under target/kata/runs is harmless; the next clean removes it
        }
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Whether compiled classes hand Spark functions, UDFs or bean encoders to tasks (DataFrame-only code does not). */
    static boolean shipsUserCodeToSparkTasks(Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String constantPool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (SPARK_USER_CODE.stream().anyMatch(constantPool::contains)
                        || constantPool.contains("org/apache/spark/sql/Encoders") && constantPool.contains("bean")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true; // when unsure, start Spark afresh
        }
    }

    private static void stopSparkSession() {
        scala.Option<SparkSession> running = SparkSession.getDefaultSession();
        if (running.isDefined()) {
            running.get().stop();
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
