package katas.support;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The slow service: a write is acknowledged {@code latency} after it is sent, and many may be in flight.
 * It counts the rows it acknowledged and the most writes that were in flight at once, per {@code name}.
 * The counts live here, in the support code that the tests and the jobs share, so that a job whose classes
 * the kata command loads afresh counts into the same place the test reads.
 */
public record SlowStore(String name, Duration latency) implements Serializable {

    private static final Map<String, Counts> COUNTS = new ConcurrentHashMap<>();

    private record Counts(AtomicLong written, AtomicInteger inFlight, AtomicInteger maxInFlight) {}

    public SlowStore {
        COUNTS.putIfAbsent(name, new Counts(new AtomicLong(), new AtomicInteger(), new AtomicInteger()));
    }

    /** Sends the row; the future completes when the store acknowledges it. */
    public CompletableFuture<Void> write(String row) {
        Counts counts = counts();
        counts.maxInFlight().accumulateAndGet(counts.inFlight().incrementAndGet(), Math::max);
        Runnable acknowledge = () -> {
            counts.inFlight().decrementAndGet();
            counts.written().incrementAndGet();
        };
        if (latency.isZero()) {
            acknowledge.run();
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(
                acknowledge, CompletableFuture.delayedExecutor(latency.toNanos(), NANOSECONDS, Runnable::run));
    }

    /** The rows acknowledged so far. */
    public long written() {
        return counts().written().get();
    }

    /** The most writes in flight at once so far. */
    public int maxInFlight() {
        return counts().maxInFlight().get();
    }

    private Counts counts() {
        return COUNTS.computeIfAbsent(
                name, ignored -> new Counts(new AtomicLong(), new AtomicInteger(), new AtomicInteger()));
    }
}
