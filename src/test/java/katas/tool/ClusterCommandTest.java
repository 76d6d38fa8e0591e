package katas.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import katas.support.LocalSpark;
import katas.support.Ports;
import katas.support.ServiceClasspath;
import katas.support.cluster.ClusterKind;
import katas.support.cluster.ClusterState;
import katas.support.cluster.LocalCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * {@code kata cluster} against real clusters, as local processes of this project: start, status, the REST
 * APIs, stop, and a supervisor killed. A few minutes on two cores, so only with {@code -Pcluster}.
 */
@Tag("cluster")
class ClusterCommandTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Project project = Project.here();
    private String out;

    private int kata(String... args) {
        StringWriter output = new StringWriter();
        Kata kata = new Kata(project, Clock.systemDefaultZone(), Ansi.OFF);
        CommandLine commandLine = Kata.commandLine(kata);
        commandLine.setOut(new PrintWriter(output, true));
        commandLine.setErr(new PrintWriter(output, true));
        int status = commandLine.execute(args);
        out = output.toString();
        System.out.print(out); // start times and each process's memory, in the test's log
        return status;
    }

    @AfterEach
    void stopWhatIsLeft() {
        kata("cluster", "stop");
    }

    private static String get(String address) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(address)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /**
     * The state of a started cluster, once its REST API answers with {@code ready} and its jars are its
     * engine's only: the other engine's jars, and so the other Kryo, are not there.
     */
    private ClusterState readyAndAlone(ClusterKind kind, String ready, String slots, String other, String otherKryo)
            throws Exception {
        ClusterState state =
                ClusterState.load(LocalCluster.stateFile(project.root(), kind)).orElseThrow();
        assertThat(get(kind.readiness(state))).contains(ready, slots);
        assertThat(Files.readString(ServiceClasspath.file(project.root(), kind.id() + "-cluster-" + kind.version())))
                .as("the engine's jars only: Spark's Kryo 4 and Flink's Kryo 5 never meet")
                .doesNotContain(other, otherKryo);
        return state;
    }

    private void assertNothingLeft(ClusterState state, List<ProcessHandle> processes) {
        assertThat(processes).as("processes of the cluster").noneMatch(ProcessHandle::isAlive);
        assertThat(state.ports().values()).as("ports of the cluster").allMatch(Ports::free);
        assertThat(state.folder()).doesNotExist();
        assertThat(project.root().resolve(".kata/cluster")).doesNotExist();
    }

    /** SIGKILL: no shutdown hook runs, and every process of the cluster ends, since the daemons' input ends. */
    private static void killSupervisor(ClusterState state, List<ProcessHandle> processes) throws Exception {
        ProcessHandle.of(state.supervisor()).orElseThrow().destroyForcibly();
        for (ProcessHandle process : processes) {
            process.onExit().get(1, TimeUnit.MINUTES);
        }
    }

    @Test
    @DisplayName("spark: a master and a worker with 2 cores from Spark's jars alone, a port in use given way, a "
            + "session on it with its executor in a JVM of its own; killing the supervisor stops them all")
    void spark() throws Exception {
        ClusterKind spark = ClusterKind.named("spark").orElseThrow();
        try (ServerSocket inUse = Ports.free(8080)
                ? new ServerSocket(8080, 1, InetAddress.getLoopbackAddress())
                : null) { // something else holds 8080, or the test does
            assertThat(kata("cluster", "start", "spark")).isZero();
        }
        assertThat(out)
                .contains(
                        "port 8080 is in use: the Spark master's web UI takes port ",
                        "The Spark standalone cluster is ready after ",
                        "spark://127.0.0.1:7077");
        ClusterState state = readyAndAlone(spark, "\"aliveworkers\" : 1", "\"cores\" : 2", "flink", "/kryo/5");
        assertThat(state.port("master-ui")).isNotEqualTo(8080);

        assertThat(kata("cluster", "status")).isZero();
        assertThat(out).contains("spark: ready", "master ", "worker ", "flink: not running");
        assertThat(kata("cluster", "start", "spark")).isZero();
        assertThat(out).startsWith("The Spark standalone cluster runs already");

        System.setProperty("spark.master", "spark://127.0.0.1:" + state.port("master")); // as spark-submit does
        List<ProcessHandle> processes;
        try {
            assertThat(LocalSpark.session().range(100_000).count()).isEqualTo(100_000);
            assertThat(kata("cluster", "status")).isZero();
            assertThat(out).as("the application's executor, a JVM of its own").contains("executor ");
            processes = LocalCluster.processes(state);
            assertThat(processes).hasSize(4);

            killSupervisor(state, processes); // the executor of a running application too
        } finally {
            LocalSpark.stop();
            System.clearProperty("spark.master");
        }
        assertThat(kata("cluster", "status")).isEqualTo(1);
        assertThat(out).contains("spark: lost a process", "processes none");
        assertThat(kata("cluster", "stop")).isZero();
        assertThat(out).startsWith("Stopped the Spark standalone cluster: 0 processes");
        assertNothingLeft(state, processes);
    }

    @Test
    @DisplayName("flink: a JobManager and a TaskManager with 2 slots from Flink's jars alone, stopped without a trace")
    void flink() throws Exception {
        ClusterKind flink = ClusterKind.named("flink").orElseThrow();
        assertThat(kata("cluster", "start", "flink")).isZero();
        assertThat(out).contains("The Flink standalone session is ready after ", "http://127.0.0.1:");
        ClusterState state = readyAndAlone(flink, "\"taskmanagers\":1", "\"slots-total\":2", "spark", "kryo-shaded");
        assertThat(kata("cluster", "status")).isZero();
        assertThat(out).contains("flink: ready", "jobmanager ", "taskmanager ");

        List<ProcessHandle> processes = LocalCluster.processes(state);
        assertThat(processes).hasSize(3);
        assertThat(kata("cluster", "stop", "flink")).isZero();
        assertThat(out).startsWith("Stopped the Flink standalone session: 3 processes");
        assertNothingLeft(state, processes);
    }
}
