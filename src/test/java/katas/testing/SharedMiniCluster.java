package katas.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import katas.support.MiniClusters;
import katas.support.ScratchFolder;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Flink MiniCluster for the whole JVM (parallelism 2), started by the first test that needs it and
 * stopped when the JVM exits, so that it stays warm across test runs (the kata watch loop). During each
 * test, {@code StreamExecutionEnvironment.getExecutionEnvironment()} submits to it with
 * {@code pipeline.generic-types: false}, so that a Kryo fallback fails loudly.
 */
public final class SharedMiniCluster implements BeforeEachCallback, AfterEachCallback {

    public static final int PARALLELISM = 2;

    private static MiniCluster cluster;

    @Override
    public void beforeEach(ExtensionContext context) {
        ContextEnvironment.set(running(), freshClasses());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ContextEnvironment.unset();
    }

    /** Pipeline settings every test job and harness runs with. */
    static Configuration noGenericTypes() {
        Configuration configuration = new Configuration();
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        return configuration;
    }

    /** The shared cluster, started if it is not yet: for reading what a finished job's tasks reported. */
    public static synchronized MiniCluster running() {
        if (cluster == null) {
            RunningCluster starting = RunningCluster.start();
            Runtime.getRuntime().addShutdownHook(new Thread(starting::close, "mini-cluster-shutdown"));
            cluster = starting.cluster();
        }
        return cluster;
    }

    /** A started MiniCluster and the folder it writes into; closing stops it and deletes the folder. */
    public record RunningCluster(MiniCluster cluster, ScratchFolder files) implements AutoCloseable {

        static RunningCluster start() {
            return start(new Configuration());
        }

        /**
         * A cluster of its own with {@link #PARALLELISM} slots and the given cluster settings (the scheduler,
         * the slot request timeout), for tests that show what the cluster does, not what a job does.
         */
        public static RunningCluster start(Configuration settings) {
            return start(settings, 1, PARALLELISM);
        }

        /**
         * A cluster of its own with {@code taskManagers} TaskManagers of {@code slotsPerTaskManager} slots each,
         * for tests of what the cluster does with its TaskManagers (slots, a TaskManager lost).
         */
        public static RunningCluster start(Configuration settings, int taskManagers, int slotsPerTaskManager) {
            ScratchFolder files = newScratchFolder();
            try {
                return new RunningCluster(
                        MiniClusters.start(settings, files.path(), taskManagers, slotsPerTaskManager), files);
            } catch (RuntimeException e) {
                files.close();
                throw e;
            }
        }

        /**
         * An environment that submits to this cluster at {@code parallelism}, with the project's pipeline settings
         * and the classes compiled after the JVM started, as the shared cluster's context environment does.
         */
        public StreamExecutionEnvironment environment(int parallelism) {
            return new TestStreamEnvironment(cluster, noGenericTypes(), parallelism, List.of(), freshClasses());
        }

        @Override
        public void close() {
            try {
                cluster.close();
            } catch (Exception ignored) {
                // stopping anyway
            } finally {
                files.close();
            }
        }
    }

    private static ScratchFolder newScratchFolder() {
        try {
            return ScratchFolder.create("bigdata-katas-flink-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the Flink MiniCluster", e);
        }
    }

    /**
     * Classes compiled after the JVM started (the kata command loads an edited exercise through its own
     * URLClassLoader): jobs must ship them, or the cluster would run the classes it already knows.
     */
    static List<URL> freshClasses() {
        return Thread.currentThread().getContextClassLoader() instanceof URLClassLoader fresh
                ? Arrays.asList(fresh.getURLs())
                : List.of();
    }

    /** Installs a context environment factory that adds the project's pipeline settings to each environment. */
    static final class ContextEnvironment extends TestStreamEnvironment {
        private ContextEnvironment(MiniCluster cluster) {
            super(cluster, PARALLELISM);
        }

        static void set(MiniCluster cluster, List<URL> classpaths) {
            initializeContextEnvironment(requested -> {
                Configuration configuration = noGenericTypes();
                configuration.addAll(requested);
                return new TestStreamEnvironment(cluster, configuration, PARALLELISM, List.of(), classpaths);
            });
        }

        static void unset() {
            resetContextEnvironment();
        }
    }
}
