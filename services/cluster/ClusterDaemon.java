import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * One daemon of a local cluster, run as a single-file program in front of the engine's own main:
 * {@code java <flags> -cp <engine jars> ClusterDaemon.java <main class> <arguments>}.
 *
 * <p>It lives as long as its standard input, a pipe from {@code ClusterSupervisor.java}: when the
 * supervisor stops the cluster, or dies (even by SIGKILL: the system closes a dead process's pipes), the
 * daemon exits through its shutdown hooks, where a Spark worker stops its executors and Flink its
 * services, and halts if they hang.
 */
public final class ClusterDaemon {

    private static final long HOOKS_MILLIS = 30_000;

    public static void main(String[] args) throws Throwable {
        Thread parentWatch = new Thread(ClusterDaemon::exitAtEndOfInput, "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();
        try {
            Class.forName(args[0])
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitAtEndOfInput() {
        try {
            InputStream parent = System.in;
            while (parent.read() != -1) {
                // the supervisor never writes; end of input means it is done or gone
            }
        } catch (IOException gone) {
            // the same as end of input
        }
        Thread halt = new Thread(
                () -> {
                    try {
                        Thread.sleep(HOOKS_MILLIS);
                    } catch (InterruptedException ignored) {
                        // halt now
                    }
                    Runtime.getRuntime().halt(1);
                },
                "halt-if-hooks-hang");
        halt.setDaemon(true);
        halt.start();
        System.exit(0);
    }
}
