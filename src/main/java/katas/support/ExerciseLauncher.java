package katas.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Runs one exercise's {@code main} on the guide's input: {@code ./mvnw -q compile exec:java -Dexercise=<id>}
 * (add {@code -Psolutions} for the reference).
 */
public final class ExerciseLauncher {

    /**
     * For JVMs that run a small job for seconds: on the C1 compiler alone they start sooner (measured on 2
     * cores, a Spark job submitted to the local cluster: 15.0 s before, 12.2 s after).
     */
    public static final String QUICK_START = "-XX:TieredStopAtLevel=1";

    private ExerciseLauncher() {}

    public static void main(String[] args) throws Exception {
        Catalogue catalogue = Catalogue.load();
        String id = args.length > 0 ? args[0].strip() : "";
        if (id.isEmpty()) {
            fail("name the exercise to run: -Dexercise=<id>, one of " + String.join(", ", catalogue.ids()));
        }
        Catalogue.Exercise exercise = catalogue.find(id).orElse(null);
        if (exercise == null) {
            fail(catalogue.unknownIdMessage(id));
        }
        ClassLoader loader = ExerciseLauncher.class.getClassLoader();
        if (loader != ClassLoader.getSystemClassLoader() && loader instanceof URLClassLoader isolated) {
            // exec:java runs us in Maven's JVM, where Flink's local cluster cannot load its own classes
            // (it deserializes jobs with the system class loader) and Spark lacks its JDK flags.
            System.exit(runInOwnJvm(
                    classpathOf(isolated), System.getProperty("kata.track", "exercises"), Catalogue.projectRoot(), id));
        }
        String track = System.getProperty("kata.track", "exercises");
        System.out.println("== " + exercise.id() + " (track: " + track + ", " + track + "/" + exercise.stub()
                + ") on the input of guide " + exercise.guide() + " ==");
        try {
            Class.forName(exercise.stubClassName())
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            // Inside a job the stub's signal comes wrapped (JobExecutionException, SparkException).
            for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                if (cause instanceof NotImplementedYet notImplemented) {
                    fail(notImplemented.getMessage());
                }
            }
            throw e;
        }
        System.exit(0); // engines leave non-daemon threads behind
    }

    /**
     * Runs the exercise's main in a new JVM with Spark's JDK flags; returns its exit code. The JVM gets a
     * temporary folder of its own, removed when it ends: engines leave files there (Flink its RPC jar and
     * cluster folders, Spark its scratch space) that a run must not leave behind.
     */
    public static int runInOwnJvm(String classpath, String track, Path root, String id)
            throws IOException, InterruptedException {
        Path temporary = Files.createTempDirectory("bigdata-katas-run-");
        Thread removeOnExit = new Thread(() -> ScratchFolder.delete(temporary), "remove-run-temp");
        Runtime.getRuntime().addShutdownHook(removeOnExit); // also when this JVM is interrupted (Ctrl-C)
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(
                    Arrays.asList(JavaModuleOptions.defaultModuleOptions().split(" ")));
            command.addAll(List.of(
                    QUICK_START,
                    "-Djava.io.tmpdir=" + temporary,
                    "-Dkata.track=" + track,
                    "-Dkata.root=" + root,
                    "-cp",
                    classpath,
                    ExerciseLauncher.class.getName(),
                    id));
            // Output copied through this JVM's streams rather than inherited: a test runner that captures
            // them (surefire's fork) then sees the run's output as its own.
            Process run = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            Thread out = copy(run.getInputStream(), System.out);
            Thread err = copy(run.getErrorStream(), System.err);
            int exitCode = run.waitFor();
            out.join();
            err.join();
            return exitCode;
        } finally {
            ScratchFolder.delete(temporary);
            Runtime.getRuntime().removeShutdownHook(removeOnExit);
        }
    }

    private static Thread copy(InputStream from, PrintStream to) {
        Thread copier = new Thread(
                () -> {
                    try {
                        from.transferTo(to);
                    } catch (IOException ended) {
                        // the run ended
                    } finally {
                        to.flush();
                    }
                },
                "run-output");
        copier.start();
        return copier;
    }

    private static String classpathOf(URLClassLoader loader) throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (URL url : loader.getURLs()) {
            entries.add(Path.of(url.toURI()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void fail(String message) {
        System.err.println("[bigdata-katas] " + message);
        System.exit(1);
    }
}
