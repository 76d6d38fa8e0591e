package katas.support.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.runtime.util.EnvironmentInformation;

/**
 * A Flink standalone session: a JobManager and one TaskManager with 2 slots, bound to loopback, started
 * as Flink's own scripts start them (Maven Central serves no flink-dist): {@code config.yaml} in the
 * folder, and the memory flags that Flink computes from it with its {@code BashJavaUtils}.
 */
final class FlinkSession extends ClusterKind {

    FlinkSession() {
        super(
                "flink",
                "the Flink standalone session",
                "flink.version",
                "child",
                List.of(
                        new Port("rpc", "the Flink JobManager's RPC", 6123),
                        new Port("rest", "the Flink web UI and REST API", 8081)),
                new Readiness("rest", "/overview", Pattern.compile("\"taskmanagers\"\\s*:\\s*[1-9]")));
    }

    private static final String RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";
    /** Flink's config.yaml opens these too, beyond Spark's list, for Kryo on JDK classes. */
    private static final List<String> MORE_OPENS = List.of(
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    @Override
    public String version() {
        return EnvironmentInformation.getVersion();
    }

    @Override
    public Map<String, String> environment(Setup setup) {
        return Map.of("FLINK_CONF_DIR", setup.folder().resolve("conf").toString());
    }

    @Override
    public List<Daemon> daemons(Setup setup) throws IOException {
        Path conf = Files.createDirectories(setup.folder().resolve("conf"));
        Files.writeString(
                conf.resolve("config.yaml"),
                String.join(
                        "\n",
                        "jobmanager.rpc.address: 127.0.0.1",
                        "jobmanager.rpc.port: " + setup.ports().get("rpc"),
                        "jobmanager.bind-host: 127.0.0.1",
                        "jobmanager.memory.process.size: 1024m",
                        "taskmanager.host: 127.0.0.1",
                        "taskmanager.bind-host: 127.0.0.1",
                        "taskmanager.memory.process.size: 1280m",
                        "taskmanager.numberOfTaskSlots: 2",
                        "parallelism.default: 2",
                        "rest.address: 127.0.0.1",
                        "rest.bind-address: 127.0.0.1",
                        "rest.port: " + setup.ports().get("rest"),
                        ""));
        Files.writeString(
                conf.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = File",
                        "appender.file.name = File",
                        "appender.file.type = File",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                        ""));
        // Both at once: each is a JVM start.
        Process jobManagerResources = resourceParameters(setup, "GET_JM_RESOURCE_PARAMS");
        Process taskManagerResources = resourceParameters(setup, "GET_TM_RESOURCE_PARAMS");
        return List.of(
                daemon(
                        setup,
                        "jobmanager",
                        jobManagerResources,
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint"),
                daemon(
                        setup,
                        "taskmanager",
                        taskManagerResources,
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner"));
    }

    private static Process resourceParameters(Setup setup, String which) throws IOException {
        return new ProcessBuilder(
                        LocalCluster.java(),
                        "-Xmx64m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        setup.classpath(),
                        "org.apache.flink.runtime.util.bash.BashJavaUtils",
                        which,
                        "--configDir",
                        setup.folder().resolve("conf").toString())
                .redirectErrorStream(true)
                .start();
    }

    /** The daemon with the JVM flags (line 1) and dynamic properties (line 2) that BashJavaUtils printed. */
    private static Daemon daemon(Setup setup, String name, Process resources, String main) throws IOException {
        List<String> results = new ArrayList<>();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(resources.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.startsWith(RESULT)) {
                    results.add(line.substring(RESULT.length()).strip());
                }
            }
        }
        if (results.isEmpty()) {
            throw new IllegalStateException(
                    "Flink computed no memory flags for the " + name + ": " + String.join("\n", output));
        }
        List<String> flags = new ArrayList<>(words(results.get(0)));
        flags.addAll(ClusterKind.jdkFlags());
        flags.addAll(MORE_OPENS);
        flags.add("-Dlog.file=" + setup.folder().resolve("logs/" + name + ".log"));
        flags.add("-Dlog4j.configurationFile=" + setup.folder().resolve("conf/log4j.properties"));
        List<String> arguments = new ArrayList<>(
                List.of("--configDir", setup.folder().resolve("conf").toString()));
        if (results.size() > 1) {
            arguments.addAll(words(results.get(1)));
        }
        return LocalCluster.daemon(setup, name, flags, main, arguments);
    }

    private static List<String> words(String line) {
        return Stream.of(line.split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }

    @Override
    public List<String> addresses(ClusterState state) {
        return List.of(
                "JobManager  127.0.0.1:" + state.port("rpc") + " (RPC); jobs go through the REST API",
                "web UI      http://127.0.0.1:" + state.port("rest")
                        + " (a JobManager and a TaskManager with 2 slots)");
    }

    /** What {@code flink run -c <main> <jar>} runs: the main in this client, its jobs on the session. */
    @Override
    public List<String> submitCommand(ClusterJob.Submission submission, Path temporary) {
        List<String> command = new ArrayList<>(List.of(LocalCluster.java()));
        command.addAll(ClusterKind.clientOptions(submission, temporary));
        command.addAll(MORE_OPENS);
        // As flink run logs: to a file, so that the console shows the job's output.
        command.addAll(List.of(
                "-Dlog.file=" + submission.state().folder().resolve("logs/client.log"),
                "-Dlog4j.configurationFile=" + submission.state().folder().resolve("conf/log4j.properties")));
        command.addAll(List.of(
                "-cp",
                submission.classpath(),
                "org.apache.flink.client.cli.CliFrontend",
                "run",
                "-c",
                submission.mainClass(),
                submission.jar().toString()));
        return command;
    }

    @Override
    public String submitter() {
        return "flink run";
    }

    @Override
    public Map<String, String> clientEnvironment(ClusterState state) {
        return Map.of("FLINK_CONF_DIR", state.folder().resolve("conf").toString());
    }

    @Override
    public Map<String, ClusterJob.Application> applications(ClusterState state) throws IOException {
        String ui = "http://127.0.0.1:" + state.port("rest");
        List<ClusterJob.Application> jobs = new ArrayList<>();
        ClusterJob.json(ui + "/jobs/overview")
                .path("jobs")
                .forEach(job -> jobs.add(new ClusterJob.Application(
                        job.path("jid").asText(),
                        job.path("name").asText(),
                        job.path("state").asText(),
                        ui + "/#/job/completed/" + job.path("jid").asText() + "/overview",
                        Optional.empty())));
        return ClusterJob.byId(jobs);
    }

    @Override
    public boolean running(String state) {
        return !List.of("FINISHED", "FAILED", "CANCELED", "SUSPENDED").contains(state);
    }
}
