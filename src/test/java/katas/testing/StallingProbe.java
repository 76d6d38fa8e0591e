package katas.testing;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * An identity map that holds a job still at a known point, so a test can fail it there: in the job's first
 * attempt, once a subtask has passed {@code rows} rows, the first checkpoint that would cover rows it passed
 * since its last snapshot never completes: the probe's snapshot waits until the task is cancelled (or the
 * test releases it). Downstream operators have those rows, and no completed checkpoint covers them, so a
 * failure now makes the job replay them. The test learns that the probe stalled from {@link Stall#await},
 * an event, not a poll. The stall lives here, in the test support that the tests and the jobs share, so that
 * a job whose classes the kata command loads afresh signals the test that waits.
 */
public final class StallingProbe<T> extends RichMapFunction<T, T> implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    private static final Map<String, Stall> STALLS = new ConcurrentHashMap<>();

    private final String name;
    private final long rows;
    private transient long seen;
    private transient long sinceSnapshot;

    private StallingProbe(String name, long rows) {
        this.name = name;
        this.rows = rows;
    }

    /** A probe and the stall it signals, until {@link Stall#close}. */
    public static <T> StallingProbe<T> after(Stall stall, long rows) {
        return new StallingProbe<>(stall.name, rows);
    }

    @Override
    public T map(T row) {
        seen++;
        sinceSnapshot++;
        return row;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        boolean newRows = sinceSnapshot > 0;
        sinceSnapshot = 0;
        Stall stall = STALLS.get(name);
        if (stall != null
                && newRows
                && seen >= rows
                && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0
                && stall.stalled.complete(context.getCheckpointId())) {
            stall.released.get(); // until the task is cancelled (interrupted) or the test releases it
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {}

    /** The stall of one test's job: which checkpoint it holds back, and its release. */
    public static final class Stall implements AutoCloseable {
        private final String name;
        private final CompletableFuture<Long> stalled = new CompletableFuture<>();
        private final CompletableFuture<Void> released = new CompletableFuture<>();

        private Stall(String name) {
            this.name = name;
        }

        public static Stall named(String name) {
            Stall stall = new Stall(name);
            if (STALLS.putIfAbsent(name, stall) != null) {
                throw new IllegalStateException("a stall named " + name + " is open already");
            }
            return stall;
        }

        /** The id of the checkpoint held back, once a probe stalls; a timeout if none does in time. */
        public long await(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
            try {
                return stalled.get(timeout, unit);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            released.complete(null);
            STALLS.remove(name, this);
        }
    }
}
