package katas.support.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import katas.support.ExerciseLauncher;
import org.apache.spark.launcher.JavaModuleOptions;

/** What differs between the Spark and the Flink cluster: jars, ports, daemons, readiness, addresses. */
public abstract sealed class ClusterKind permits SparkStandalone, FlinkSession {

    /** A port a daemon listens on: its name in the state, what it serves, the one preferred. */
    public record Port(String name, String what, int preferred) {}

    /** One process of the cluster: its name (its log is {@code logs/<name>.out}) and its command. */
    public record Daemon(String name, List<String> command) {}

    /** What its daemons need to start: the project, the cluster's folder, the engine's jars, the ports. */
    public record Setup(Path root, Path folder, String classpath, Map<String, Integer> ports) {}

    /** The REST resource, on the port named {@code port}, whose answer matches {@code ready} once it is. */
    public record Readiness(String port, String path, Pattern ready) {}

    private final String id;
    private final String title;
    private final String versionProperty;
    private final String child;
    private final List<Port> ports;
    private final Readiness readiness;

    ClusterKind(String id, String title, String versionProperty, String child, List<Port> ports, Readiness readiness) {
        this.id = id;
        this.title = title;
        this.versionProperty = versionProperty;
        this.child = child;
        this.ports = ports;
        this.readiness = readiness;
    }

    public static List<ClusterKind> all() {
        return List.of(new SparkStandalone(), new FlinkSession());
    }

    /** The kind named {@code id} ({@code spark}, {@code flink}). */
    public static Optional<ClusterKind> named(String id) {
        return all().stream().filter(kind -> kind.id().equals(id)).findFirst();
    }

    /** Its name on the command line and in {@code .kata/cluster/}. */
    public String id() {
        return id;
    }

    /** What it is, for the learner: "the Spark standalone cluster". */
    public String title() {
        return title;
    }

    /** {@link #title()} at the start of a sentence. */
    public String titleCapitalized() {
        return Character.toUpperCase(title.charAt(0)) + title.substring(1);
    }

    /** Its Maven project, relative to the project's root. */
    public String pom() {
        return "services/" + id + "-cluster/pom.xml";
    }

    /** The property that gives {@link #pom()} the engine's {@link #version()}. */
    public String versionProperty() {
        return versionProperty;
    }

    /** What a process that a daemon starts is: a Spark worker's are the applications' executors. */
    public String child() {
        return child;
    }

    public List<Port> ports() {
        return ports;
    }

    /** The address whose answer says whether the cluster is ready. */
    public String readiness(ClusterState state) {
        return "http://127.0.0.1:" + state.port(readiness.port()) + readiness.path();
    }

    /** Whether the answer of {@link #readiness} says ready: the workers have registered. */
    public boolean ready(String answer) {
        return readiness.ready().matcher(answer).find();
    }

    /** The engine's version: the one this JVM runs, so that the cluster runs what the jobs compile against. */
    public abstract String version();

    /** The environment of the supervisor and so of every daemon. */
    public abstract Map<String, String> environment(Setup setup);

    /** Writes the configuration into the folder and returns the daemons, in the order they start. */
    public abstract List<Daemon> daemons(Setup setup) throws IOException;

    /** Lines for the learner: where to submit, the web UIs. */
    public abstract List<String> addresses(ClusterState state);

    /**
     * The command that submits a job jar as the engine's users do, from the engine's jars; {@code temporary}
     * is the client's scratch folder, removed afterwards.
     */
    public abstract List<String> submitCommand(ClusterJob.Submission submission, Path temporary);

    /** What its users submit with, as they would type it. */
    public abstract String submitter();

    /** The environment of the submitting client. */
    public abstract Map<String, String> clientEnvironment(ClusterState state);

    /** What the cluster's REST API lists, by id: the applications that ran or run, and their states. */
    public abstract Map<String, ClusterJob.Application> applications(ClusterState state) throws IOException;

    /** Whether an application in this state has yet to end. */
    public abstract boolean running(String state);

    /** The flags every JVM of the engine needs on Java 17. */
    static List<String> jdkFlags() {
        return List.of(JavaModuleOptions.defaultModuleOptions().split(" "));
    }

    /**
     * The JVM options of a client that runs the job's main: the JDK flags, its scratch folder, the project,
     * and {@link ExerciseLauncher#QUICK_START}.
     */
    static List<String> clientOptions(ClusterJob.Submission submission, Path temporary) {
        List<String> options = new ArrayList<>(jdkFlags());
        options.addAll(List.of(
                "-Djava.io.tmpdir=" + temporary, "-Dkata.root=" + submission.root(), ExerciseLauncher.QUICK_START));
        return options;
    }
}
