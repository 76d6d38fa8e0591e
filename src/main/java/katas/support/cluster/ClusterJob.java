package katas.support.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import katas.support.ScratchFolder;

/**
 * A job jar submitted to a running local cluster the way its users submit one: Spark's {@code SparkSubmit}
 * (what {@code spark-submit} runs), Flink's {@code CliFrontend} (what {@code flink run} runs), each from the
 * engine's own jars. Whether it worked is what the cluster says afterwards, not only the client's exit code:
 * {@code spark-submit} exits 0 when a driver in cluster deploy mode failed.
 */
public final class ClusterJob {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ClusterJob() {}

    /** Where the driver runs in Spark: in the submitting process (client) or on a worker (cluster). */
    public enum DeployMode {
        CLIENT,
        CLUSTER;

        public String option() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What one submission needs: the project, the cluster, the jar, its main class and where the driver runs. */
    public record Submission(
            Path root, ClusterState state, String classpath, Path jar, String mainClass, DeployMode deployMode) {}

    /** An application (Spark), a driver (Spark's cluster deploy mode) or a job (Flink) the cluster knows. */
    public record Application(String id, String name, String state, String link, Optional<Path> output) {

        public boolean finished() {
            return state.equals("FINISHED");
        }
    }

    /** What a submission gave: the client's exit code and what the cluster knows of the applications it ran. */
    public record Result(int exitCode, List<Application> applications) {

        public boolean succeeded() {
            return exitCode == 0
                    && !applications.isEmpty()
                    && applications.stream().allMatch(Application::finished);
        }
    }

    /**
     * Submits the jar, copying the client's output to {@code out} and {@code err} as it comes, and returns
     * once the client has exited and the cluster has recorded how its applications ended.
     */
    public static Result submit(ClusterKind kind, Submission submission, OutputStream out, OutputStream err)
            throws IOException, InterruptedException {
        Map<String, Application> before = kind.applications(submission.state());
        Path temporary =
                Files.createDirectories(submission.state().folder().resolve("tmp/submit-" + System.nanoTime()));
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(kind.submitCommand(submission, temporary)).directory(temporary.toFile());
            builder.environment().putAll(kind.clientEnvironment(submission.state()));
            Process client = builder.start();
            // Ctrl-C, or an error here: the client stops with this process (a job it started runs on).
            Thread stopClient = new Thread(client::destroyForcibly, "stop-cluster-job-client");
            Runtime.getRuntime().addShutdownHook(stopClient);
            client.getOutputStream().close();
            Thread copyOut = copy(client.getInputStream(), out);
            Thread copyErr = copy(client.getErrorStream(), err);
            int exitCode;
            try {
                exitCode = client.waitFor();
                copyOut.join();
                copyErr.join();
            } finally {
                client.destroyForcibly();
                Runtime.getRuntime().removeShutdownHook(stopClient);
            }
            return new Result(exitCode, ended(kind, submission.state(), before));
        } finally {
            ScratchFolder.delete(temporary);
        }
    }

    /** The applications that are new since {@code before}, once none of them runs any more. */
    private static List<Application> ended(ClusterKind kind, ClusterState state, Map<String, Application> before)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<Application> started = new ArrayList<>(kind.applications(state).values());
            started.removeIf(application -> before.containsKey(application.id()));
            boolean running = started.stream().anyMatch(application -> kind.running(application.state()));
            if (!running || System.nanoTime() > deadline) {
                return started;
            }
            // The client has exited; the cluster records the end a moment later (the master once the
            // executors are gone).
            Thread.sleep(200);
        }
    }

    /** The JSON that a cluster's REST API answers at {@code address}. */
    public static JsonNode json(String address) throws IOException {
        try {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(address))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IOException(address + " answered " + answer.statusCode());
            }
            return JSON.readTree(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + address, e);
        }
    }

    /** The applications by id, in the order the REST API listed them. */
    static Map<String, Application> byId(List<Application> applications) {
        Map<String, Application> byId = new LinkedHashMap<>();
        applications.forEach(application -> byId.put(application.id(), application));
        return byId;
    }

    private static Thread copy(InputStream from, OutputStream to) {
        Thread copier = new Thread(
                () -> {
                    try {
                        from.transferTo(to);
                        to.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                "cluster-job-output");
        copier.start();
        return copier;
    }
}
