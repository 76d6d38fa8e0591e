package katas.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import katas.support.NotImplementedYet;
import org.apache.flink.runtime.client.JobExecutionException;
import org.apache.flink.util.SerializedThrowable;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * What fails inside an engine (a Flink task, a Spark job) comes back wrapped, and from Flink serialized:
 * "Job execution failed" says nothing. This rethrows the stub's {@link NotImplementedYet} as itself, and
 * any other failure of a job as its root cause, with the exercise's file and line in the message.
 * Registered for every test through JUnit's extension auto-detection.
 */
public final class SurfaceRootCause implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        Optional<Throwable> notImplemented = notImplementedCause(thrown, loader);
        if (notImplemented.isPresent()) {
            throw notImplemented.get();
        }
        Optional<Throwable> root = jobRootCause(thrown, loader);
        if (root.isPresent()) {
            throw new FailedInJob(root.get(), context.getRequiredTestClass());
        }
        throw thrown;
    }

    /**
     * A job's failure told by its root cause and the line of the exercise that threw it; an assertion
     * error, so that runners show its message as it is.
     */
    static final class FailedInJob extends AssertionError {
        FailedInJob(Throwable root, Class<?> testClass) {
            super(root.getClass().getSimpleName() + ": " + root.getMessage() + exerciseLine(root, testClass), root);
        }

        /** The first line of the exercise (the test's package, not the test class) in the root cause's stack. */
        private static String exerciseLine(Throwable root, Class<?> testClass) {
            for (StackTraceElement frame : root.getStackTrace()) {
                if (frame.getClassName().startsWith(testClass.getPackageName() + ".")
                        && !frame.getClassName().startsWith(testClass.getName())
                        && frame.getFileName() != null) {
                    return " (at " + frame.getFileName() + ":" + frame.getLineNumber() + ")";
                }
            }
            return "";
        }
    }

    static Optional<Throwable> notImplementedCause(Throwable thrown, ClassLoader loader) {
        for (Throwable cause : chain(thrown)) {
            if (cause instanceof NotImplementedYet) {
                return Optional.of(cause);
            }
            if (cause instanceof SerializedThrowable serialized
                    && NotImplementedYet.class.getName().equals(serialized.getOriginalErrorClassName())) {
                return Optional.of(serialized.deserializeError(loader));
            }
        }
        return Optional.empty();
    }

    /** The innermost cause of a failed Flink or Spark job, deserialized; empty when no job failed. */
    static Optional<Throwable> jobRootCause(Throwable thrown, ClassLoader loader) {
        List<Throwable> chain = chain(thrown);
        if (chain.stream()
                .noneMatch(cause -> cause instanceof JobExecutionException || cause instanceof SparkException)) {
            return Optional.empty();
        }
        Throwable root = chain.get(chain.size() - 1);
        return Optional.of(root instanceof SerializedThrowable serialized ? serialized.deserializeError(loader) : root);
    }

    /** The throwable and its causes, outermost first, stopping at a cycle. */
    private static List<Throwable> chain(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = thrown; cause != null && seen.add(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
