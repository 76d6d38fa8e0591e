package katas.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Flink MiniCluster of its own for each test, set up as {@link SharedMiniCluster} sets up its shared one,
 * for tests whose jobs can kill a TaskManager: Flink treats an exception from a sink's {@code close()}
 * after a failure (the JDBC sink's last flush, say) as fatal to the TaskManager, and a shared cluster would
 * have no slots left for the tests after it.
 */
public final class IsolatedMiniCluster implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(IsolatedMiniCluster.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        SharedMiniCluster.RunningCluster running = SharedMiniCluster.RunningCluster.start();
        context.getStore(NAMESPACE).put(SharedMiniCluster.RunningCluster.class, running);
        SharedMiniCluster.ContextEnvironment.set(running.cluster(), SharedMiniCluster.freshClasses());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SharedMiniCluster.ContextEnvironment.unset();
        context.getStore(NAMESPACE)
                .remove(SharedMiniCluster.RunningCluster.class, SharedMiniCluster.RunningCluster.class)
                .close();
    }
}
