import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keeps the daemons of one local cluster, run as a single-file program by {@code kata cluster start}:
 * {@code java ClusterSupervisor.java <folder>}.
 *
 * <p>It starts the command of each file {@code <folder>/commands/<name>.args} (one argument a line, in the
 * order of the names), each with its standard input a pipe from here and its output in
 * {@code <folder>/logs/<name>.out}; prints {@code <name> <pid>} for each, then {@code started}, and waits.
 * A SIGTERM ({@code kata cluster stop}) closes the pipes and waits for the daemons and their children (a
 * Spark worker's executors); a SIGKILL closes them too, since the system closes a dead process's pipes, and
 * every daemon runs {@code ClusterDaemon.java}, which exits at the end of its input. So no daemon outlives
 * its supervisor. The supervisor exits when every daemon has.
 */
public final class ClusterSupervisor {

    private static final long STOP_SECONDS = 45;

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        List<Path> commands;
        try (Stream<Path> files = Files.list(folder.resolve("commands"))) {
            commands = files.filter(file -> file.toString().endsWith(".args")).sorted().toList();
        }
        List<Process> daemons = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(daemons), "stop-daemons"));
        PrintStream handshake = System.out;
        for (Path command : commands) {
            String name = command.getFileName().toString().replaceFirst("^\\d+-", "").replace(".args", "");
            Process daemon = new ProcessBuilder(Files.readAllLines(command))
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("logs").resolve(name + ".out").toFile())
                    .start();
            synchronized (daemons) {
                daemons.add(daemon);
            }
            handshake.println(name + " " + daemon.pid());
        }
        handshake.println("started");
        handshake.close(); // kata reads no more: it may be gone long before the cluster
        for (Process daemon : daemons) {
            daemon.waitFor();
            System.err.println("daemon " + daemon.pid() + " exited with " + daemon.exitValue());
        }
    }

    private static void stop(List<Process> daemons) {
        List<ProcessHandle> all = new ArrayList<>();
        synchronized (daemons) {
            for (Process daemon : daemons) {
                all.add(daemon.toHandle());
                daemon.toHandle().descendants().forEach(all::add);
                try {
                    daemon.getOutputStream().close(); // end of input: the daemon exits
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
        for (ProcessHandle process : all) {
            try {
                process.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillAlive) {
                System.err.println("killing " + process.pid() + ", still alive after " + STOP_SECONDS + " s");
                process.destroyForcibly();
            }
        }
    }
}
