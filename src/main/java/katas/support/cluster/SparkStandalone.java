package katas.support.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A Spark standalone master and one worker with 2 cores, bound to loopback; each application gets its
 * executors in their own JVMs, which the worker starts from {@code SPARK_HOME} and {@code
 * SPARK_DIST_CLASSPATH}. The worker's web UI takes 8082: Flink's REST API has 8081.
 */
final class SparkStandalone extends ClusterKind {

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

    @Override
    public List<String> addresses(ClusterState state) {
        return List.of(
                "master   spark://127.0.0.1:" + state.port("master") + " (spark-submit --master)",
                "web UI   http://127.0.0.1:" + state.port("master-ui") + " (master), http://127.0.0.1:"
                        + state.port("worker-ui") + " (worker: 2 cores, executors in their own JVMs)");
    }
}
