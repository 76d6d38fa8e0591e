package katas.testing;

/** A block of test code that may throw. */
@FunctionalInterface
public interface ThrowingRunnable {
    void run() throws Exception;
}
