package katas.support.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import katas.support.Ports;
import katas.support.ScratchFolder;
import katas.support.ServiceClasspath;

/**
 * A real Spark or Flink cluster as local processes that outlive the {@code kata} process that starts
 * them: a supervisor ({@code services/cluster/ClusterSupervisor.java}) starts each daemon behind {@code
 * services/cluster/ClusterDaemon.java}, which exits when the supervisor's pipe closes, so that killing the
 * supervisor, even with SIGKILL, stops them all. What a later process needs to find them, {@link
 * ClusterState}, is in {@code .kata/cluster/<kind>.properties}; their configuration, logs and temporary
 * files are in the folder {@code .kata/cluster/<kind>/}, which stopping deletes.
 *
 * <p>Each daemon runs from the engine's own jars, resolved by Maven from {@code services/<kind>-cluster/}
 * once: never the tests' class path, where Spark's Kryo 4 and Flink's Kryo 5 meet.
 */
public final class LocalCluster {

    static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalCluster() {}

    /** Where a kind's state is kept between {@code kata} processes. */
    public static Path stateFile(Path root, ClusterKind kind) {
        return root.resolve(".kata/cluster/" + kind.id() + ".properties");
    }

    /** The folder of a kind's configuration, logs and temporary files while it runs. */
    public static Path folder(Path root, ClusterKind kind) {
        return root.resolve(".kata/cluster/" + kind.id());
    }

    /** Where the logs of a start that failed are kept, for the learner to read. */
    public static Path failedLogs(Path root, ClusterKind kind) {
        return root.resolve(".kata/cluster/" + kind.id() + "-failed-start-logs");
    }

    /** The state of the cluster a {@code kata} process started, if it still has a process of its own. */
    public static Optional<ClusterState> running(Path root, ClusterKind kind) {
        return ClusterState.load(stateFile(root, kind))
                .filter(state -> !processes(state).isEmpty());
    }

    /**
     * Starts a cluster of this kind and returns once its REST API says its workers are there, telling
     * {@code progress} what it does meanwhile (the jars resolved the first time, a port taken by another).
     */
    public static ClusterState start(Path root, ClusterKind kind, Consumer<String> progress) throws IOException {
        ClusterState.load(stateFile(root, kind)).ifPresent(LocalCluster::stop); // what a crash left
        if (ServiceClasspath.stale(root.resolve(kind.pom()), ServiceClasspath.file(root, classpathName(kind)))) {
            progress.accept("resolving the jars of " + kind.title() + " with Maven (the first time only)");
        }
        String classpath = classpath(root, kind);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (ClusterKind.Port port : kind.ports()) {
            int chosen = Ports.preferred(port.preferred(), ports.values());
            if (chosen != port.preferred()) {
                progress.accept("port " + port.preferred() + " is in use: " + port.what() + " takes port " + chosen);
            }
            ports.put(port.name(), chosen);
        }
        Path folder = folder(root, kind);
        ScratchFolder.delete(folder);
        for (String sub : List.of("commands", "logs", "tmp")) {
            Files.createDirectories(folder.resolve(sub));
        }
        ClusterKind.Setup setup = new ClusterKind.Setup(root, folder, classpath, ports);
        List<ClusterKind.Daemon> daemons = kind.daemons(setup);
        for (int i = 0; i < daemons.size(); i++) {
            ClusterKind.Daemon daemon = daemons.get(i);
            Files.write(folder.resolve("commands/" + i + "-" + daemon.name() + ".args"), daemon.command());
        }
        progress.accept("starting " + kind.title() + ": "
                + String.join(
                        " and ", daemons.stream().map(ClusterKind.Daemon::name).toList())
                + " (logs in " + root.relativize(folder.resolve("logs")) + ")");
        ClusterState state = supervise(root, kind, setup);
        Thread interrupted = new Thread(() -> stop(state), "stop-unfinished-cluster");
        Runtime.getRuntime().addShutdownHook(interrupted); // Ctrl-C while waiting: stop what started
        try {
            awaitReady(root, kind, state);
        } finally {
            Runtime.getRuntime().removeShutdownHook(interrupted);
        }
        return state;
    }

    /** The engine's own jars, which its daemons and its clients run from: resolved by Maven once. */
    public static String classpath(Path root, ClusterKind kind) throws IOException {
        return ServiceClasspath.resolve(
                root,
                kind.pom(),
                classpathName(kind),
                "the jars of " + kind.title(),
                Map.of(kind.versionProperty(), kind.version()));
    }

    private static String classpathName(ClusterKind kind) {
        return kind.id() + "-cluster-" + kind.version();
    }

    /** Starts the supervisor, reads the daemons' process ids from it and records the state. */
    private static ClusterState supervise(Path root, ClusterKind kind, ClusterKind.Setup setup) throws IOException {
        Path folder = setup.folder();
        ProcessBuilder builder = new ProcessBuilder(
                        java(),
                        "-Dkata.cluster=" + folder,
                        "-Xmx64m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        root.resolve("services/cluster/ClusterSupervisor.java").toString(),
                        folder.toString())
                .directory(folder.toFile())
                .redirectError(folder.resolve("logs/supervisor.log").toFile());
        builder.environment().putAll(kind.environment(setup));
        Process supervisor = builder.start();
        supervisor.getOutputStream().close();
        Map<String, Long> daemons = new LinkedHashMap<>();
        try (BufferedReader handshake =
                new BufferedReader(new InputStreamReader(supervisor.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = handshake.readLine(); line != null && !line.equals("started"); ) {
                String[] daemon = line.split(" ");
                daemons.put(daemon[0], Long.parseLong(daemon[1]));
                line = handshake.readLine();
            }
        }
        ClusterState state =
                new ClusterState(kind.id(), folder, supervisor.pid(), daemons, setup.ports(), Instant.now());
        state.save(stateFile(root, kind));
        return state;
    }

    private static void awaitReady(Path root, ClusterKind kind, ClusterState state) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ready(kind, state)) {
            Optional<String> gone = state.daemons().entrySet().stream()
                    .filter(daemon -> own(daemon.getValue(), state).isEmpty())
                    .map(Map.Entry::getKey)
                    .findFirst();
            if (gone.isPresent() || System.nanoTime() > deadline) {
                String why = gone.map(name -> "the " + name + " exited")
                        .orElse("not ready after " + START_TIMEOUT.toSeconds() + " s");
                Path logs = failedLogs(root, kind);
                ScratchFolder.delete(logs);
                stop(state, folder -> Files.move(folder.resolve("logs"), logs, StandardCopyOption.REPLACE_EXISTING));
                throw new IllegalStateException(
                        kind.title() + " did not start: " + why + "; its logs are in " + root.relativize(logs));
            }
            pause();
        }
    }

    /** Whether the cluster's REST API says its workers are there. */
    public static boolean ready(ClusterKind kind, ClusterState state) {
        try {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(kind.readiness(state)))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && kind.ready(answer.body());
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops the cluster: a SIGTERM to the supervisor, which closes the daemons' pipes; then waits until
     * every process is gone and every port free, and deletes the folder and the state. Returns how many
     * processes it stopped.
     */
    public static int stop(ClusterState state) {
        return stop(state, folder -> {});
    }

    private interface BeforeDeleting {
        void keep(Path folder) throws IOException;
    }

    private static int stop(ClusterState state, BeforeDeleting beforeDeleting) {
        List<ProcessHandle> processes = processes(state);
        Optional<ProcessHandle> supervisor = own(state.supervisor(), state);
        if (supervisor.isPresent()) {
            supervisor.get().destroy();
        } else {
            processes.forEach(ProcessHandle::destroy); // it died: its daemons are on their way out too
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillAlive) {
                process.destroyForcibly();
            }
        }
        while (state.ports().values().stream().anyMatch(port -> !Ports.free(port)) && System.nanoTime() < deadline) {
            pause();
        }
        try {
            beforeDeleting.keep(state.folder());
            ScratchFolder.delete(state.folder());
            Path stateFile = state.folder().resolveSibling(state.kind() + ".properties");
            Files.deleteIfExists(stateFile);
            try (Stream<Path> left = Files.list(stateFile.getParent())) {
                if (left.findAny().isEmpty()) {
                    Files.delete(stateFile.getParent());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return processes.size();
    }

    /**
     * The cluster's processes that still run: the supervisor, the daemons and their children (a Spark
     * worker's executors). A process id counts only while its command names the cluster's folder: after a
     * reboot, an id may belong to someone else.
     */
    public static List<ProcessHandle> processes(ClusterState state) {
        List<ProcessHandle> processes = new ArrayList<>();
        own(state.supervisor(), state).ifPresent(supervisor -> {
            processes.add(supervisor);
            supervisor.descendants().forEach(processes::add);
        });
        for (long pid : state.daemons().values()) {
            own(pid, state).filter(daemon -> !processes.contains(daemon)).ifPresent(daemon -> {
                processes.add(daemon);
                daemon.descendants().forEach(processes::add);
            });
        }
        return processes;
    }

    /** The process with this id while it is one of the cluster's. */
    public static Optional<ProcessHandle> own(long pid, ClusterState state) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info()
                        .commandLine()
                        .map(command -> command.contains("-Dkata.cluster=" + state.folder()))
                        .orElse(false));
    }

    /** The resident memory of a process in MB, where the system tells it ({@code /proc} on Linux). */
    public static OptionalLong residentMegabytes(ProcessHandle process) {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                    .findFirst();
        } catch (IOException | UncheckedIOException | NumberFormatException unknown) {
            return OptionalLong.empty();
        }
    }

    /** The command of a daemon: its JVM flags, the engine's jars, and its main behind ClusterDaemon.java. */
    static ClusterKind.Daemon daemon(
            ClusterKind.Setup setup, String name, List<String> flags, String main, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(java(), "-Dkata.cluster=" + setup.folder()));
        command.addAll(flags);
        command.add("-Djava.io.tmpdir=" + setup.folder().resolve("tmp"));
        command.addAll(List.of(
                "-cp",
                setup.classpath(),
                setup.root().resolve("services/cluster/ClusterDaemon.java").toString(),
                main));
        command.addAll(arguments);
        return new ClusterKind.Daemon(name, command);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster", e);
        }
    }
}
