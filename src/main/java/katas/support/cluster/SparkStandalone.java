package katas.support.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import katas.support.ExerciseLauncher;

/**
 * A Spark standalone master and one worker with 2 cores, bound to loopback; each application gets its
 * executors in their own JVMs, which the worker starts from {@code SPARK_HOME} and {@code
 * SPARK_DIST_CLASSPATH}. The worker's web UI takes 8082: Flink's REST API has 8081.
 */
public final class SparkStandalone extends ClusterKind {

    SparkStandalone() {
        super(
                "spark",
                "the Spark standalone cluster",
                "spark.version",
                "executor",
                List.of(
                        new Port("master", "the Spark master", 7077),
                        new Port("master-ui", "the Spark master's web UI", 8080),
                        new Port("worker-ui", "the Spark worker's web UI", 8082)),
                new Readiness("master-ui", "/json/", Pattern.compile("\"aliveworkers\"\\s*:\\s*[1-9]")));
    }

    private static final List<String> DAEMON_FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC");

    @Override
    public String version() {
        Properties info = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("spark-version-info.properties")) {
            info.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return info.getProperty("version");
    }

    @Override
    public Map<String, String> environment(Setup setup) {
        return Map.of(
                // The worker builds each executor's command from these (spark-launcher's WorkerCommandBuilder):
                // SPARK_HOME with a jars/ folder, the jars themselves, and the Scala version, without which
                // every executor fails with "Cannot find any build directories".
                "SPARK_HOME", setup.folder().resolve("spark-home").toString(),
                "SPARK_DIST_CLASSPATH", setup.classpath(),
                "SPARK_SCALA_VERSION", "2.12",
                // Else Spark advertises the machine's external address and its UIs listen on every interface.
                "SPARK_LOCAL_IP", "127.0.0.1",
                // The executors' shuffle and block files, in the cluster's folder rather than /tmp.
                "SPARK_LOCAL_DIRS", setup.folder().resolve("tmp").toString());
    }

    @Override
    public List<Daemon> daemons(Setup setup) throws IOException {
        Files.createDirectories(setup.folder().resolve("spark-home/jars"));
        Path work = Files.createDirectories(setup.folder().resolve("work"));
        String master = "spark://127.0.0.1:" + setup.ports().get("master");
        return List.of(
                LocalCluster.daemon(
                        setup,
                        "master",
                        DAEMON_FLAGS,
                        "org.apache.spark.deploy.master.Master",
                        List.of(
                                "--host",
                                "127.0.0.1",
                                "--port",
                                String.valueOf(setup.ports().get("master")),
                                "--webui-port",
                                String.valueOf(setup.ports().get("master-ui")))),
                LocalCluster.daemon(
                        setup,
                        "worker",
                        DAEMON_FLAGS,
                        "org.apache.spark.deploy.worker.Worker",
                        List.of(
                                "--host",
                                "127.0.0.1",
                                "--cores",
                                "2",
                                "--memory",
                                "2g",
                                "--work-dir",
                                work.toString(),
                                "--webui-port",
                                String.valueOf(setup.ports().get("worker-ui")),
                                master)));
    }

    /** The master's URL, for {@code --master} or {@code spark.master}. */
    public static String master(ClusterState state) {
        return "spark://127.0.0.1:" + state.port("master");
    }

    /** The options of an application's executors: their scratch files in the cluster's folder, a quick start. */
    public static String executorOptions(ClusterState state) {
        return "-Djava.io.tmpdir=" + onTheWorker(state) + " " + ExerciseLauncher.QUICK_START;
    }

    private static Path onTheWorker(ClusterState state) {
        return state.folder().resolve("tmp");
    }

    @Override
    public List<String> addresses(ClusterState state) {
        return List.of(
                "master   " + master(state) + " (spark-submit --master)",
                "web UI   http://127.0.0.1:" + state.port("master-ui") + " (master), http://127.0.0.1:"
                        + state.port("worker-ui") + " (worker: 2 cores, executors in their own JVMs)");
    }

    @Override
    public List<String> submitCommand(ClusterJob.Submission submission, Path temporary) {
        ClusterState state = submission.state();
        // A driver on the worker keeps its scratch files in the cluster's folder, as the executors do.
        String onTheWorker = "-Djava.io.tmpdir=" + onTheWorker(state);
        // The project's quiet logging, as every exercise run has it.
        String logging =
                "-Dlog4j2.configurationFile=" + submission.root().resolve("src/main/resources/log4j2.properties");
        List<String> command = new ArrayList<>(List.of(LocalCluster.java()));
        command.addAll(ClusterKind.clientOptions(submission, temporary));
        command.add(logging);
        command.addAll(List.of(
                "-cp",
                submission.classpath(),
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                master(state),
                "--deploy-mode",
                submission.deployMode().option(),
                "--class",
                submission.mainClass(),
                "--conf",
                "spark.executor.extraJavaOptions=" + executorOptions(state)));
        if (submission.deployMode() == ClusterJob.DeployMode.CLUSTER) {
            List<String> driverOptions = new ArrayList<>(ClusterKind.clientOptions(submission, temporary));
            driverOptions.removeIf(option -> option.startsWith("-Djava.io.tmpdir="));
            driverOptions.addAll(List.of(onTheWorker, logging));
            command.addAll(List.of(
                    "--conf",
                    "spark.driver.extraJavaOptions=" + String.join(" ", driverOptions),
                    // Else the client returns once the master has the driver, before it has run.
                    "--conf",
                    "spark.standalone.submit.waitAppCompletion=true"));
        }
        command.add(submission.jar().toString());
        return command;
    }

    @Override
    public String submitter() {
        return "spark-submit";
    }

    @Override
    public Map<String, String> clientEnvironment(ClusterState state) {
        return Map.of("SPARK_LOCAL_IP", "127.0.0.1");
    }

    /** The master's applications and, for jobs submitted in cluster deploy mode, its drivers. */
    @Override
    public Map<String, ClusterJob.Application> applications(ClusterState state) throws IOException {
        String ui = "http://127.0.0.1:" + state.port("master-ui");
        JsonNode master = ClusterJob.json(ui + "/json/");
        List<ClusterJob.Application> applications = new ArrayList<>();
        for (String list : List.of("activeapps", "completedapps")) {
            master.path(list)
                    .forEach(app -> applications.add(new ClusterJob.Application(
                            app.path("id").asText(),
                            app.path("name").asText(),
                            app.path("state").asText(),
                            ui + "/app/?appId=" + app.path("id").asText(),
                            Optional.empty())));
        }
        for (String list : List.of("activedrivers", "completeddrivers")) {
            master.path(list)
                    .forEach(driver -> applications.add(new ClusterJob.Application(
                            driver.path("id").asText(),
                            "driver on " + driver.path("worker").asText(),
                            driver.path("state").asText(),
                            ui,
                            Optional.of(state.folder()
                                    .resolve("work/" + driver.path("id").asText() + "/stdout")))));
        }
        return ClusterJob.byId(applications);
    }

    @Override
    public boolean running(String state) {
        return List.of("WAITING", "RUNNING", "SUBMITTED", "RELAUNCHING").contains(state);
    }
}
