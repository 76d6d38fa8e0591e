package katas.tool.command;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import katas.support.cluster.ClusterKind;
import katas.support.cluster.ClusterState;
import katas.support.cluster.LocalCluster;
import katas.tool.Kata;
import katas.tool.KataProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = "A real Spark standalone cluster or Flink session on this machine, as local processes bound to "
                + "127.0.0.1: start, status, stop.")
public final class ClusterCommand {

    private static final String ENGINES = "<spark|flink>";
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @ParentCommand
    Kata kata;

    /** The cluster of this kind that runs here, or the command that starts it. */
    static ClusterState running(Kata kata, ClusterKind kind) {
        return LocalCluster.running(kata.project().root(), kind)
                .orElseThrow(() -> new KataProblem(
                        kind.titleCapitalized() + " is not running: kata cluster start " + kind.id() + " starts it"));
    }

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "spark: a master and a worker with 2 cores, each application's executors in their own JVMs; "
                    + "flink: a JobManager and a TaskManager with 2 slots. Returns once it is ready, and it runs "
                    + "until kata cluster stop.")
    int start(@Parameters(paramLabel = ENGINES, description = "spark or flink") String engine) throws IOException {
        ClusterKind kind = kind("start", engine);
        Optional<ClusterState> running = LocalCluster.running(kata.project().root(), kind);
        if (running.isPresent()) {
            say("@|bold " + kind.titleCapitalized() + " runs already|@ (kata cluster stop " + kind.id() + " stops it)");
            kind.addresses(running.get()).forEach(line -> say("  " + line));
            return 0;
        }
        ClusterState state;
        try {
            state = LocalCluster.start(kata.project().root(), kind, this::say);
        } catch (IllegalStateException e) {
            throw new KataProblem(e.getMessage());
        }
        long seconds = Duration.between(state.started(), Instant.now()).toSeconds();
        say("@|green " + kind.titleCapitalized() + " is ready|@ after " + seconds + " s; kata cluster stop " + kind.id()
                + " stops it");
        kind.addresses(state).forEach(line -> say("  " + line));
        return 0;
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Each cluster: ready or not (its REST API asked), its addresses, its processes and their "
                    + "memory. Exit code 1 when one lost a process.")
    int status() {
        int status = 0;
        for (ClusterKind kind : ClusterKind.all()) {
            Optional<ClusterState> recorded =
                    ClusterState.load(LocalCluster.stateFile(kata.project().root(), kind));
            if (recorded.isEmpty()) {
                say(kind.id() + ": not running");
                continue;
            }
            ClusterState state = recorded.get();
            List<ProcessHandle> processes = LocalCluster.processes(state);
            boolean whole = state.daemons().values().stream()
                    .allMatch(pid -> LocalCluster.own(pid, state).isPresent());
            boolean ready = whole && LocalCluster.ready(kind, state);
            String since = CLOCK_TIME.format(state.started().atZone(ZoneId.systemDefault()));
            say(kind.id() + ": "
                    + (ready ? "@|green ready|@" : whole ? "@|yellow starting|@" : "@|red lost a process|@")
                    + ", started at " + since);
            kind.addresses(state).forEach(line -> say("  " + line));
            say("  processes "
                    + (processes.isEmpty()
                            ? "none"
                            : processes.stream()
                                    .map(process -> describe(kind, process, state))
                                    .collect(Collectors.joining(", "))));
            if (!whole) {
                say("  its logs are in "
                        + kata.project().relative(state.folder().resolve("logs")) + "; kata cluster stop " + kind.id()
                        + " removes what is left");
                status = 1;
            }
        }
        return status;
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stops the cluster named, or every one: waits until each process is gone and each port free, "
                    + "then removes its folder.")
    int stop(
            @Parameters(paramLabel = ENGINES, arity = "0..1", description = "spark or flink (default: both)")
                    String engine) {
        List<ClusterKind> kinds = engine == null ? ClusterKind.all() : List.of(kind("stop", engine));
        boolean stopped = false;
        for (ClusterKind kind : kinds) {
            Optional<ClusterState> state =
                    ClusterState.load(LocalCluster.stateFile(kata.project().root(), kind));
            if (state.isPresent()) {
                int processes = LocalCluster.stop(state.get());
                say("Stopped " + kind.title() + ": " + processes + (processes == 1 ? " process" : " processes")
                        + ", ports "
                        + state.get().ports().values().stream()
                                .map(String::valueOf)
                                .collect(Collectors.joining(", "))
                        + " free, " + kata.project().relative(state.get().folder()) + " removed");
                stopped = true;
            }
        }
        if (!stopped) {
            say("No cluster runs" + (engine == null ? "" : " for " + engine));
        }
        return 0;
    }

    private static ClusterKind kind(String command, String engine) {
        return ClusterKind.named(engine)
                .orElseThrow(() -> new KataProblem("kata cluster " + command + " takes spark or flink, not " + engine));
    }

    private static String describe(ClusterKind kind, ProcessHandle process, ClusterState state) {
        String name = process.pid() == state.supervisor()
                ? "supervisor"
                : state.daemons().entrySet().stream()
                        .filter(daemon -> daemon.getValue() == process.pid())
                        .map(daemon -> daemon.getKey())
                        .findFirst()
                        .orElse(kind.child());
        return name + " " + process.pid()
                + LocalCluster.residentMegabytes(process).stream()
                        .mapToObj(megabytes -> " (" + megabytes + " MB)")
                        .findFirst()
                        .orElse("");
    }

    private void say(String markup) {
        kata.out().println(kata.colour(markup));
        kata.out().flush();
    }
}
