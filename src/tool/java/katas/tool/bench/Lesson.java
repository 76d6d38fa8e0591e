package katas.tool.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A lesson's claim measured: its variants (the slow one first) run on the same generated input, each run
 * returning what the engine's own metrics said. The bench times the runs.
 */
interface Lesson extends AutoCloseable {

    /**
     * What is measured: the exercise that teaches it, the guide's sentence with its section, and the variants
     * compared, the slow one (the baseline of every ratio) first.
     */
    record About(String id, String claim, List<String> variants) {}

    About about();

    default String id() {
        return about().id();
    }

    default String claim() {
        return about().claim();
    }

    default List<String> variants() {
        return about().variants();
    }

    /** Where the variants run, once {@link #prepare} has started what they run on. */
    default String where() {
        return "this JVM";
    }

    /** Writes the input at this scale under {@code scratch}, once, before any run. */
    void prepare(Scale scale, Path scratch) throws Exception;

    /** Runs a variant to its end; the evidence, named with its unit, in the order to print it. */
    Map<String, Double> run(String variant) throws Exception;

    /** What the measurements say of the claim: holds, does not hold, or depends (and on what). */
    String verdict(Result result);

    /** Puts back what the lesson changed in the engine. */
    @Override
    default void close() throws Exception {}
}
