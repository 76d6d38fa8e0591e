package katas.tool.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import katas.support.Catalogue;
import katas.support.ExerciseLauncher;
import katas.support.cluster.ClusterJob;
import katas.support.cluster.ClusterKind;
import katas.support.cluster.ClusterState;
import katas.support.cluster.LocalCluster;
import katas.tool.Kata;
import katas.tool.KataProblem;
import katas.tool.Project.Track;
import katas.tool.run.JobJar;
import katas.tool.run.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Runs the exercise's main on the guide's input: in its own JVM, or with --cluster packaged as "
                + "a job jar and submitted to the local cluster (kata cluster start spark|flink).")
public final class RunCommand implements Callable<Integer> {

    @ParentCommand
    Kata kata;

    @Parameters(paramLabel = "<id>", description = "the exercise id")
    String id;

    @Option(names = "--solution", description = "run the reference")
    boolean solution;

    @Option(
            names = "--cluster",
            description =
                    "submit it to the running local cluster: spark-submit (SparkSubmit) or flink run (CliFrontend)")
    boolean cluster;

    @Option(
            names = "--deploy-mode",
            paramLabel = "<client|cluster>",
            description = "Spark, with --cluster: where the driver runs, in this client (default) or on the worker")
    String deployMode = "client";

    @Override
    public Integer call() throws IOException, InterruptedException {
        Catalogue.Exercise exercise = kata.exercise(id);
        if (solution) {
            kata.interviews().refuseReference(exercise, "kata run --solution");
        }
        Track track = Track.of(solution);
        Outcome.Compilation compilation = kata.runner().compile(exercise, track);
        if (compilation instanceof Outcome.CompileFailed failed) {
            OutcomeReport.print(kata, exercise, track, failed);
            return 1;
        }
        List<Path> classes = ((Outcome.Compiled) compilation).classes();
        if (cluster) {
            return submit(exercise, classes);
        }
        // Fresh classes first on the class path of a new JVM: the engines' own class loaders then see them too.
        List<String> classPath = new ArrayList<>();
        classes.forEach(folder -> classPath.add(folder.toString()));
        classPath.add(System.getProperty("java.class.path"));
        kata.out().flush();
        return ExerciseLauncher.runInOwnJvm(
                String.join(File.pathSeparator, classPath),
                track.folder,
                kata.project().root(),
                exercise.id());
    }

    /** Packages the exercise as a job jar and submits it; 0 when the cluster says every application finished. */
    private int submit(Catalogue.Exercise exercise, List<Path> classes) throws IOException, InterruptedException {
        if (!exercise.localOnly().isEmpty()) {
            throw new KataProblem(exercise.id() + " runs in one JVM only: " + exercise.localOnly() + " (kata run "
                    + exercise.id() + " runs it here)");
        }
        ClusterKind kind = ClusterKind.named(exercise.engine().name().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new KataProblem(exercise.id() + " runs both engines, and no cluster runs both: "
                        + "catalogue.toml's local-only should say so"));
        ClusterJob.DeployMode mode = switch (deployMode) {
            case "client" -> ClusterJob.DeployMode.CLIENT;
            case "cluster" -> ClusterJob.DeployMode.CLUSTER;
            default -> throw new KataProblem("--deploy-mode is client or cluster, not " + deployMode);
        };
        Path root = kata.project().root();
        ClusterState state = ClusterCommand.running(kata, kind);
        Path jar = JobJar.write(
                kata.project().jobJar(exercise),
                exercise,
                classes,
                kata.project().sharedSources());
        say("== " + exercise.id() + " as " + kata.project().relative(jar) + " on " + kind.title() + " ("
                + kind.submitter() + ") ==");
        kata.out().flush();
        ClusterJob.Result result = ClusterJob.submit(
                kind,
                new ClusterJob.Submission(
                        root, state, LocalCluster.classpath(root, kind), jar, exercise.stubClassName(), mode),
                System.out,
                System.err);
        for (ClusterJob.Application application : result.applications()) {
            if (application.output().isPresent()) {
                Path stdout = application.output().get();
                printFile("the driver's output", stdout);
                if (!application.finished()) {
                    printFile("the driver's errors", stdout.resolveSibling("stderr"));
                }
            }
        }
        for (ClusterJob.Application application : result.applications()) {
            say((application.finished() ? "@|green " : "@|red ") + application.state() + "|@ " + application.id() + " ("
                    + headline(application.name()) + "): " + application.link());
        }
        if (result.exitCode() != 0) {
            say("@|red the client (" + kind.submitter() + ") exited with " + result.exitCode() + "|@");
        }
        if (result.applications().isEmpty()) {
            say("@|red the cluster ran no application|@");
        }
        return result.succeeded() ? 0 : 1;
    }

    private void printFile(String what, Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            say("-- " + what + " (" + kata.project().relative(file) + ") --");
            kata.out().print(Files.readString(file));
        }
    }

    /** A name in one short line: Flink names a SQL job after its query. */
    private static String headline(String name) {
        String first = name.strip().lines().findFirst().orElse("");
        return first.length() > 60 || !first.equals(name.strip())
                ? first.substring(0, Math.min(60, first.length())) + "…"
                : first;
    }

    private void say(String line) {
        kata.out().println(kata.colour(line));
    }
}
