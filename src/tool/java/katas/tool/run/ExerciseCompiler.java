package katas.tool.run;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskListener;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import katas.support.Catalogue;
import katas.support.ScratchFolder;
import katas.tool.Project;
import katas.tool.run.Outcome.Compilation;
import katas.tool.run.Outcome.CompileFailed;
import katas.tool.run.Outcome.Compiled;

/**
 * Compiles one exercise (a source root's folder of it, and its tests) in this JVM, each time into a fresh
 * folder. The tests are recompiled only when their sources or the exercise's API (what they compile
 * against) changed; otherwise their last classes are reused.
 */
final class ExerciseCompiler {

    /** Test classes compiled against an exercise API, reusable while neither that API nor the tests change. */
    private record CompiledTests(String exerciseApi, String testSources, Path classes) {}

    private final Project project;
    private final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    private final StandardJavaFileManager fileManager;
    private final Map<String, CompiledTests> compiledTests = new HashMap<>();
    private final ImportSuggestions importSuggestions;
    private Path previousOutput;

    ExerciseCompiler(Project project) {
        if (compiler == null) {
            throw new IllegalStateException(
                    "no Java compiler in " + System.getProperty("java.home") + ": run kata with a JDK, not a JRE");
        }
        this.project = project;
        this.fileManager = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        List<Path> classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .toList();
        this.importSuggestions = new ImportSuggestions(classPath);
        try {
            // Set once: passing -classpath to each compile would make javac index every jar again.
            fileManager.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the class path for compiling", e);
        }
    }

    /**
     * Compiles the exercise's sources below {@code sourceRoot} (of the track {@code trackName}) alone when its tests' classes of an earlier
     * run can be reused: neither the tests nor the exercise's API changed, as when a learner edits a method
     * body. Otherwise compiles the exercise with its tests and keeps the tests' classes for the next runs.
     */
    Compilation compile(Catalogue.Exercise exercise, Path sourceRoot, String trackName) {
        List<Path> exerciseSources = Project.javaFiles(sourceRoot.resolve(exercise.folder()));
        List<Path> testSources = Project.javaFiles(project.testFolder(exercise));
        List<Path> sources = new ArrayList<>(exerciseSources); // what a run compiles: the exercise, then its tests
        sources.addAll(testSources);
        Set<String> packages = packagesOf(sourceRoot, exerciseSources);
        packages.addAll(packagesOf(project.tests(), testSources));
        Path output = freshOutputFolder(exercise);
        String cacheKey = exercise.id() + "-" + trackName;
        String testContents = contents(testSources);
        CompiledTests cached = compiledTests.get(cacheKey);
        if (cached != null && cached.testSources().equals(testContents) && !exerciseSources.isEmpty()) {
            ApiListener exerciseOnly = new ApiListener(Set.of());
            List<String> errors =
                    javac(exerciseSources, packages, output.resolve("exercise"), exerciseOnly, exercise.engine());
            if (!errors.isEmpty()) {
                return new CompileFailed(errors);
            }
            if (exerciseOnly.api().equals(cached.exerciseApi())) {
                return new Compiled(List.of(output.resolve("exercise"), cached.classes()), packages);
            }
        }
        ApiListener all = new ApiListener(testSources.stream().map(Path::toUri).collect(Collectors.toSet()));
        List<String> errors = javac(sources, packages, output.resolve("all"), all, exercise.engine());
        if (!errors.isEmpty()) {
            return new CompileFailed(errors);
        }
        Path testClasses = keepTestClasses(output.resolve("all"), all.testTypes(), cacheKey);
        if (cached != null) {
            ScratchFolder.delete(cached.classes());
        }
        compiledTests.put(cacheKey, new CompiledTests(all.api(), testContents, testClasses));
        return new Compiled(List.of(output.resolve("all")), packages);
    }

    /** Runs javac on {@code sources} into {@code output}, telling {@code listener}; returns its errors. */
    private List<String> javac(
            List<Path> sources, Set<String> packages, Path output, TaskListener listener, Catalogue.Engine engine) {
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options =
                List.of("-d", output.toString(), "-proc:none", "-g", "-encoding", "UTF-8", "-Xlint:none");
        JavacTask task = (JavacTask) compiler.getTask(
                null,
                new HidingExercisePackages(fileManager, packages),
                diagnostics,
                options,
                null,
                fileManager.getJavaFileObjectsFromPaths(sources));
        task.addTaskListener(listener);
        if (task.call()) {
            return List.of();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(diagnostic -> describe(diagnostic, engine))
                .toList();
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
        public Iterable<JavaFileObject> list(
                Location location, String packageName, Set<JavaFileObject.Kind> kinds, boolean recurse)
                throws IOException {
            return location == StandardLocation.CLASS_PATH && hidden.contains(packageName)
                    ? List.of()
                    : super.list(location, packageName, kinds, recurse);
        }
    }

    /** Copies the classes of the test types (with their nested and anonymous classes) out of {@code compiled}, to reuse. */
    private Path keepTestClasses(Path compiled, Set<String> testTypes, String cacheKey) {
        try (Stream<Path> files = Files.walk(compiled)) {
            Path kept = Files.createTempDirectory(compiled.getParent().getParent(), cacheKey + "-tests-");
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                Path relative = compiled.relativize(file);
                String binaryName =
                        relative.toString().replace(File.separatorChar, '.').replaceFirst("\\.class$", "");
                if (testTypes.contains(binaryName.split("\\$", 2)[0])) {
                    Files.createDirectories(kept.resolve(relative).getParent());
                    Files.copy(file, kept.resolve(relative));
                }
            }
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot keep the compiled tests under " + project.relative(project.work()), e);
        }
    }

    private static String contents(List<Path> files) {
        StringBuilder contents = new StringBuilder();
        for (Path file : files) {
            try {
                contents.append(file)
                        .append('\n')
                        .append(Files.readString(file))
                        .append('\n');
            } catch (IOException e) {
                contents.append(file).append(" unreadable\n"); // javac reports it
            }
        }
        return contents.toString();
    }

    private String describe(Diagnostic<? extends JavaFileObject> diagnostic, Catalogue.Engine engine) {
        String file = diagnostic.getSource() == null
                ? ""
                : project.relative(Path.of(diagnostic.getSource().toUri())) + ":";
        String message = diagnostic.getMessage(Locale.ROOT);
        List<String> imports = importSuggestions.forMessage(message, engine);
        return file + diagnostic.getLineNumber() + ": " + message
                + (imports.isEmpty() ? "" : "\n  an import that would resolve it: " + String.join(" or ", imports));
    }

    private Path freshOutputFolder(Catalogue.Exercise exercise) {
        try {
            Path runs = Files.createDirectories(project.work().resolve("runs"));
            if (previousOutput != null) {
                ScratchFolder.delete(previousOutput);
            }
            previousOutput = Files.createTempDirectory(runs, exercise.id() + "-");
            return previousOutput;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create a folder for compiled classes under " + project.relative(project.work()), e);
        }
    }

    /** Deletes every class folder this compiler made. */
    void close() {
        if (previousOutput != null) {
            ScratchFolder.delete(previousOutput);
        }
        compiledTests.values().forEach(tests -> ScratchFolder.delete(tests.classes()));
        compiledTests.clear();
    }

    private static Set<String> packagesOf(Path root, List<Path> sources) {
        Set<String> packages = new TreeSet<>();
        for (Path source : sources) {
            packages.add(root.relativize(source.getParent()).toString().replace(File.separatorChar, '.'));
        }
        return packages;
    }
}
