package katas.support.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the local clusters that need no cluster: the state file, the readiness answers, the verdicts. */
class ClusterStateTest {

    @TempDir
    Path workspace;

    private ClusterState state() {
        Map<String, Long> daemons = new LinkedHashMap<>();
        daemons.put("master", 12L);
        daemons.put("worker", 13L);
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("master", 7077);
        ports.put("master-ui", 40123);
        return new ClusterState(
                "spark", workspace.resolve("spark"), 11, daemons, ports, Instant.parse("2026-12-02T10:00:00Z"));
    }

    @Test
    @DisplayName("the state a kata process saves is the state a later one loads, daemons in their order")
    void roundTrip() {
        Path file = workspace.resolve(".kata/cluster/spark.properties");
        state().save(file);

        ClusterState loaded = ClusterState.load(file).orElseThrow();

        assertThat(loaded).isEqualTo(state());
        assertThat(loaded.daemons().keySet()).containsExactly("master", "worker");
        assertThat(loaded.port("master-ui")).isEqualTo(40123);
    }

    @Test
    @DisplayName("no file, or a damaged one, is no state")
    void missingOrDamaged() throws IOException {
        Path file = workspace.resolve("spark.properties");
        assertThat(ClusterState.load(file)).isEmpty();

        Files.writeString(file, "kind=spark\nsupervisor=not a number\n");
        assertThat(ClusterState.load(file)).isEmpty();
    }

    @Test
    @DisplayName("each kind's REST answer is ready once a worker has registered, not before")
    void readiness() {
        ClusterKind spark = ClusterKind.named("spark").orElseThrow();
        ClusterKind flink = ClusterKind.named("flink").orElseThrow();

        assertThat(spark.readiness(state())).isEqualTo("http://127.0.0.1:40123/json/");
        assertThat(spark.ready("{\"url\" : \"spark://127.0.0.1:7077\", \"aliveworkers\" : 0, \"cores\" : 0}"))
                .isFalse();
        assertThat(spark.ready("{\"url\" : \"spark://127.0.0.1:7077\", \"aliveworkers\" : 1, \"cores\" : 2}"))
                .isTrue();
        assertThat(flink.ready("{\"taskmanagers\":0,\"slots-total\":0}")).isFalse();
        assertThat(flink.ready("{\"taskmanagers\":1,\"slots-total\":2}")).isTrue();
        assertThat(ClusterKind.named("hadoop")).isEmpty();
    }

    private static ClusterJob.Application application(String id, String state) {
        return new ClusterJob.Application(id, "bigdata-katas", state, "http://127.0.0.1:8080", Optional.empty());
    }

    @Test
    @DisplayName("a submission succeeded when the client exited 0 and the cluster lists every application FINISHED")
    void submissionVerdict() {
        ClusterJob.Application finished = application("app-1", "FINISHED");
        assertThat(new ClusterJob.Result(0, List.of(finished)).succeeded()).isTrue();
        assertThat(new ClusterJob.Result(0, List.of(application("driver-1", "FAILED"), finished)).succeeded())
                .as("spark-submit exits 0 when a driver in cluster deploy mode failed")
                .isFalse();
        assertThat(new ClusterJob.Result(1, List.of(finished)).succeeded()).isFalse();
        assertThat(new ClusterJob.Result(0, List.of()).succeeded())
                .as("no application: the main never reached the cluster")
                .isFalse();
        assertThat(ClusterKind.named("spark").orElseThrow().running("WAITING")).isTrue();
        assertThat(ClusterKind.named("flink").orElseThrow().running("RESTARTING"))
                .isTrue();
        assertThat(ClusterKind.named("flink").orElseThrow().running("FAILED")).isFalse();
    }
}
