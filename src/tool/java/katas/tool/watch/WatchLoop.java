package katas.tool.watch;

import java.io.InputStream;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import katas.tool.run.Outcome;

/**
 * Runs the learner's tests, then again on each save or Enter, until {@code q}, Ctrl-C or the stop
 * condition; between the first run and the first save it warms the JVM up with silent runs. What a run
 * is, what a warm-up run is and when a run asks for a fresh JVM are given to it; so is the clock that
 * times the warm-up.
 */
public final class WatchLoop {

    /** How the loop ended: asked to stop, or a run found the JVM untrustworthy. */
    public enum End {
        STOPPED,
        RESTART
    }

    private final Watcher watcher;
    private final Clock clock;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Consumer<String> say;

    public WatchLoop(Watcher watcher, Clock clock, Consumer<String> say) {
        this.watcher = watcher;
        this.clock = clock;
        this.say = say;
    }

    /** Keys from {@code keys} (Enter re-runs, q quits); its end stops only the keys. */
    public WatchLoop listeningTo(InputStream keys) {
        Keyboard.listen(keys, watcher, stop);
        return this;
    }

    /** Makes the loop end after the run or wait in progress. */
    public void stop() {
        stop.set(true);
    }

    /**
     * @param learnerRun one run of the learner's tests, reported by the caller
     * @param restartNeeded whether an outcome means the JVM can no longer be trusted
     * @param warmUpRun one silent run; false when warming up cannot go on
     * @param warmUpRuns how many warm-up runs at most, before the first save
     * @param afterWarmUp told how many warm-up runs were made
     */
    public End run(
            Supplier<Outcome> learnerRun,
            Predicate<Outcome> restartNeeded,
            BooleanSupplier warmUpRun,
            int warmUpRuns,
            Consumer<Integer> afterWarmUp)
            throws InterruptedException {
        boolean warmUpDue = warmUpRuns > 0;
        do {
            if (restartNeeded.test(learnerRun.get())) {
                return End.RESTART;
            }
            if (warmUpDue) {
                afterWarmUp.accept(warmUp(warmUpRun, warmUpRuns));
                warmUpDue = false;
            }
        } while (!stop.get() && watcher.awaitChange(stop, say));
        return End.STOPPED;
    }

    private int warmUp(BooleanSupplier warmUpRun, int runs) {
        long started = clock.millis();
        int done = 0;
        while (done < runs && !stop.get() && !watcher.changePending()) {
            try {
                if (!warmUpRun.getAsBoolean()) {
                    break;
                }
            } catch (RuntimeException | LinkageError unexpected) {
                break; // a warm-up is only an optimisation: the learner's runs report any real problem
            }
            done++;
        }
        if (done > 0) {
            say.accept("(warmed up: %d silent runs of the reference in %.1f s)"
                    .formatted(done, (clock.millis() - started) / 1e3));
        }
        return done;
    }
}
