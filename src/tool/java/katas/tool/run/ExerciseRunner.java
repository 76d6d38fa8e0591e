package katas.tool.run;

import java.nio.file.Path;
import katas.support.Catalogue;
import katas.support.ClassPreloader;
import katas.tool.Project;
import katas.tool.Project.Track;
import katas.tool.run.Outcome.Compilation;
import katas.tool.run.Outcome.CompileFailed;
import katas.tool.run.Outcome.Compiled;
import katas.tool.run.Outcome.TestsRan;

/**
 * Compiles one exercise and runs its tests in this JVM, so that the engines stay warm between runs:
 * {@link ExerciseCompiler} compiles, {@link TestLauncher} runs, {@link SparkSessions} decides about Spark.
 */
public final class ExerciseRunner implements AutoCloseable {

    private final Project project;
    private final ExerciseCompiler compiler;
    private final SparkSessions spark = new SparkSessions();
    private final TestLauncher launcher = new TestLauncher(spark);

    public ExerciseRunner(Project project) {
        this.project = project;
        this.compiler = new ExerciseCompiler(project);
    }

    /**
     * Starts loading the exercise's engine classes and, when it uses Spark, starting Spark on other threads
     * while javac compiles; whether it started Spark.
     */
    public boolean startEnginesEarly(Catalogue.Exercise exercise) {
        ClassPreloader.startFor(exercise.engine());
        return spark.startEarly(exercise);
    }

    public Outcome run(Catalogue.Exercise exercise, Track track) {
        return run(exercise, project.track(track), track.folder);
    }

    /** Compiles the exercise's sources below {@code sourceRoot} (a track, or a variant's folder) and runs its tests. */
    public Outcome run(Catalogue.Exercise exercise, Path sourceRoot, String trackName) {
        Compilation compilation = compiler.compile(exercise, sourceRoot, trackName);
        return compilation instanceof Compiled compiled
                ? launcher.test(exercise, trackName, compiled)
                : (CompileFailed) compilation;
    }

    public Compilation compile(Catalogue.Exercise exercise, Track track) {
        return compiler.compile(exercise, project.track(track), track.folder);
    }

    public TestsRan test(Catalogue.Exercise exercise, Track track, Compiled compiled) {
        return launcher.test(exercise, track.folder, compiled);
    }

    /** Whether compiled classes hand Spark functions, UDFs or bean encoders to tasks. */
    public static boolean shipsUserCodeToSparkTasks(Path classes) {
        return SparkSessions.shipsUserCodeToTasks(classes);
    }

    /** Removes the compiled classes of every run. */
    @Override
    public void close() {
        compiler.close();
    }
}
