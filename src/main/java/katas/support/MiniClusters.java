package katas.support;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/** Flink MiniClusters in this JVM that write only into a folder of their own and hold no fixed port. */
public final class MiniClusters {

    private MiniClusters() {}

    /**
     * A started MiniCluster of {@code taskManagers} TaskManagers of {@code slotsPerTaskManager} slots each, with
     * these settings; everything it writes (RPC jar, blobs, uploads, spills) goes under {@code files}.
     */
    public static MiniCluster start(Configuration settings, Path files, int taskManagers, int slotsPerTaskManager) {
        Configuration configuration = new Configuration(settings);
        configuration.set(CoreOptions.TMP_DIRS, files.toString());
        configuration.set(WebOptions.UPLOAD_DIR, files.resolve("web-upload").toString());
        // Any free port for its REST endpoint: another cluster (another kata or Maven run) may hold 8081.
        configuration.set(RestOptions.BIND_PORT, "0");
        MiniCluster starting = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(configuration)
                .setNumTaskManagers(taskManagers)
                .setNumSlotsPerTaskManager(slotsPerTaskManager)
                .build());
        try {
            starting.start();
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IllegalStateException("cannot start the Flink MiniCluster: " + root, e);
        }
        return starting;
    }
}
