package katas.tool.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** What one run of an exercise gave: the compiler's complaints, or one result per test. */
public sealed interface Outcome permits Outcome.CompileFailed, Outcome.TestsRan {

    /** What a compile gave: the compiler's complaints, or folders of fresh classes. */
    sealed interface Compilation permits CompileFailed, Compiled {}

    record CompileFailed(List<String> diagnostics) implements Outcome, Compilation {}

    /** Fresh class folders (the exercise's, then its tests' if compiled apart) and the packages they hold. */
    record Compiled(List<Path> classes, Set<String> packages) implements Compilation {}

    /** One test's result; {@code lesson} when it grades more than the rows (the JUnit tag {@code lesson}). */
    record TestResult(String name, boolean passed, String message, long millis, boolean lesson) {}

    record TestsRan(List<TestResult> tests) implements Outcome {
        public long passed() {
            return tests.stream().filter(TestResult::passed).count();
        }

        public boolean allPassed() {
            return !tests.isEmpty() && passed() == tests.size();
        }
    }
}
