package katas.support;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.deploy.master.Master$;
import org.apache.spark.deploy.worker.Worker$;
import org.apache.spark.rpc.RpcEnv;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * A SparkSession whose executor is a JVM of its own, so that what crosses from the driver to a task is
 * serialized for real: a standalone master and one worker inside this JVM, as Spark's {@code
 * local-cluster[1,2,512]} master starts them ({@code LocalSparkCluster.start}), the worker launching one
 * executor with 2 cores and 512 MB as a child process; its work folder (the executor's logs and fetched
 * files) is under the JVM's temporary folder. Close it (try-with-resources): the next {@link
 * LocalSpark#session()} is a {@code local[2]} one again. As with {@code local-cluster}, the master's and the
 * worker's web UIs listen on free ports while the cluster runs (Spark's {@code WebUI} binds them to {@code
 * SPARK_LOCAL_IP}, else to every interface).
 *
 * <p>Why not the {@code local-cluster} master itself: its worker's Spark home and work folder come from the
 * environment. Unless {@code spark.testing} is a system property, {@code Worker} takes {@code SPARK_HOME}
 * or {@code "."} as its home and {@code LocalSparkCluster} gives it no work folder, so the executors' folders
 * would land in {@code ./work} of the current directory; with {@code spark.testing} set, every Spark
 * component of this JVM behaves as in Spark's own tests. Starting the same two endpoints with a work folder
 * of our own avoids both.
 */
public final class ClusterSpark implements AutoCloseable {

    /** The executor's main class: how its JVM is told from any other child of this one. */
    public static final String EXECUTOR_MAIN = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

    private static final int CORES = 2;
    private static final int EXECUTOR_MEMORY_MB = 512;

    private final ScratchFolder folder;
    private final RpcEnv master;
    private final RpcEnv worker;
    private final SparkSession session;
    private final List<Path> scratch;

    private ClusterSpark(ScratchFolder folder, RpcEnv master, RpcEnv worker, SparkSession session, List<Path> scratch) {
        this.folder = folder;
        this.master = master;
        this.worker = worker;
        this.session = session;
        this.scratch = scratch;
    }

    /**
     * Stops the shared local session and starts a cluster whose executor loads {@code userClasses} (and
     * every class compiled beside them) from where this JVM loaded them, ahead of its own class path: under
     * {@code kata} that is the fresh compile of the learner's code, not the reference on the class path.
     */
    public static ClusterSpark start(Class<?>... userClasses) throws IOException {
        LocalSpark.requireJdkFlags();
        LocalSpark.stop();
        ScratchFolder folder = ScratchFolder.create("katas-cluster-");
        RpcEnv master = null;
        RpcEnv worker = null;
        try {
            SparkConf daemons = new SparkConf(false)
                    .set("spark.master.rest.enabled", "false")
                    .set("spark.shuffle.service.enabled", "false");
            master = Master$.MODULE$
                    .startRpcEnvAndEndpoint("127.0.0.1", 0, 0, daemons)
                    ._1();
            String masterUrl = "spark://127.0.0.1:" + master.address().port();
            worker = Worker$.MODULE$.startRpcEnvAndEndpoint(
                    "127.0.0.1",
                    0,
                    0,
                    CORES,
                    EXECUTOR_MEMORY_MB,
                    new String[] {masterUrl},
                    Files.createDirectories(folder.resolve("work")).toString(),
                    Option.apply(1),
                    daemons,
                    Option.empty());
            SparkSession session = LocalSpark.builder("bigdata-katas-cluster", masterUrl)
                    // One executor with both cores: two starting at once on a 2-core machine take far longer.
                    .config("spark.executor.cores", String.valueOf(CORES))
                    .config("spark.cores.max", String.valueOf(CORES))
                    .config("spark.executor.memory", EXECUTOR_MEMORY_MB + "m")
                    // Spark adds its JDK module flags to these itself; these make a short-lived JVM start sooner.
                    .config("spark.executor.extraJavaOptions", "-XX:+UseSerialGC " + ExerciseLauncher.QUICK_START)
                    // The worker builds the executor's command with spark-launcher's WorkerCommandBuilder, which
                    // reads these from the application's executor environment before the process environment:
                    // the jars, the Scala version (else "Cannot find any build directories"), and leave to run
                    // without a jars/ folder in the Spark home (the worker's is the current directory).
                    .config("spark.executorEnv.SPARK_DIST_CLASSPATH", absoluteClassPath())
                    .config("spark.executorEnv.SPARK_SCALA_VERSION", "2.12")
                    .config("spark.executorEnv.SPARK_SQL_TESTING", "1")
                    .config("spark.executor.extraClassPath", String.join(File.pathSeparator, classFolders(userClasses)))
                    .getOrCreate();
            // A first job waits for the executor to register, and asks it where its scratch folders are: the
            // worker makes them under Spark's scratch folder of this JVM, not under the work folder.
            List<String> scratch = JavaSparkContext.fromSparkContext(session.sparkContext())
                    .parallelize(List.of(0), 1)
                    .map(any -> String.valueOf(System.getenv("SPARK_EXECUTOR_DIRS")))
                    .collect();
            return new ClusterSpark(folder, master, worker, session, scratchFolders(scratch));
        } catch (RuntimeException | IOException e) {
            // The master may be launching executors again for a failing application: stop it all first, then
            // wait for what is still running, so that nothing writes into the folder once it is deleted.
            LocalSpark.stop();
            stopDaemons(worker, master);
            if (worker != null) {
                awaitExit(executorsOf(workerUrl(worker)));
            }
            folder.close();
            throw e;
        }
    }

    private static List<Path> scratchFolders(List<String> executorDirs) {
        return executorDirs.stream()
                .flatMap(dirs -> Arrays.stream(dirs.split(File.pathSeparator)))
                .filter(dir -> !dir.isBlank() && !"null".equals(dir))
                .map(Path::of)
                .toList();
    }

    public SparkSession session() {
        return session;
    }

    /**
     * Stops the session, which makes the worker kill its executor; once the executor's JVM is gone and the
     * worker has deleted its scratch folders, stops the worker and the master and deletes the work folder.
     * In that order nothing is cut off half-way, and the daemons log nothing.
     */
    @Override
    public void close() {
        List<ProcessHandle> executors = executorJvms();
        try {
            LocalSpark.stop();
            awaitExit(executors);
            awaitDeletedByWorker(scratch);
            stopDaemons(worker, master);
        } finally {
            scratch.forEach(ScratchFolder::delete);
            folder.close();
        }
    }

    /**
     * The worker deletes an application's scratch folders on a thread of its own once its executors have
     * ended, and no event tells when: look for them until a deadline, and delete what is left after it.
     */
    private static void awaitDeletedByWorker(List<Path> folders) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (folders.stream().anyMatch(Files::exists) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The running executor JVMs of this cluster: children of this JVM, started by its worker. */
    public List<ProcessHandle> executorJvms() {
        return executorsOf(workerUrl(worker));
    }

    /** Whether a process is a Spark executor's JVM, of any cluster. */
    public static boolean isExecutor(ProcessHandle process) {
        return process.info()
                .commandLine()
                .filter(line -> line.contains(EXECUTOR_MAIN))
                .isPresent();
    }

    /** How the worker names itself to its executors ({@code --worker-url}): tells them from other clusters'. */
    private static String workerUrl(RpcEnv worker) {
        return "spark://Worker@127.0.0.1:" + worker.address().port();
    }

    private static List<ProcessHandle> executorsOf(String workerUrl) {
        return ProcessHandle.current()
                .descendants()
                .filter(process -> process.info()
                        .commandLine()
                        .filter(line -> line.contains(EXECUTOR_MAIN) && line.contains(workerUrl))
                        .isPresent())
                .toList();
    }

    private static void stopDaemons(RpcEnv worker, RpcEnv master) {
        for (RpcEnv daemon : Arrays.asList(worker, master)) {
            if (daemon != null) {
                daemon.shutdown();
                daemon.awaitTermination();
            }
        }
    }

    /**
     * The worker kills its executors when it stops, on a thread of its own: wait for their exit, and end
     * those that outlive the wait.
     */
    private static void awaitExit(List<ProcessHandle> executors) {
        for (ProcessHandle executor : executors) {
            try {
                executor.onExit().get(20, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                executor.destroyForcibly();
            } catch (InterruptedException e) {
                executor.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** This JVM's class path, each entry absolute: the executor runs in a folder of its own. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
    }

    /** The folders (or jars) the classes were loaded from, in order and each once. */
    private static Set<String> classFolders(Class<?>... classes) {
        Set<String> folders = new LinkedHashSet<>();
        for (Class<?> type : classes) {
            try {
                folders.add(Path.of(type.getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("no class folder for " + type, e);
            }
        }
        return folders;
    }
}
