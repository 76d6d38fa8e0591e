package katas.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Loads an engine's classes on a daemon thread, in the order a recorded test run loaded them, while the
 * test thread starts the engine: a cold JVM spends much of its first Spark query looking classes up in the
 * jars of the class path, one thread at a time, and the second core has little else to do then. Classes
 * are loaded, not initialised, so no static initialiser runs out of its order. The lists are recorded by
 * {@code bench/preload-lists.sh}; a class missing since (another engine version) is skipped.
 */
final class ClassPreloader {

    private ClassPreloader() {}

    /** Starts loading the classes of {@code engine} ({@code spark} or {@code flink}), if it has a list. */
    static Thread start(String engine) {
        Thread thread = new Thread(() -> load(classesOf(engine)), "preload-" + engine + "-classes");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    /** The binary names of the classes listed for {@code engine}, in their order; none without a list. */
    static List<String> classesOf(String engine) {
        InputStream list = ClassPreloader.class.getResourceAsStream("preload-" + engine + ".txt.gz");
        if (list == null) {
            return List.of();
        }
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(new GZIPInputStream(list), StandardCharsets.UTF_8))) {
            return reader.lines().filter(name -> !name.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads each class that can be loaded; returns how many could. */
    static int load(List<String> names) {
        ClassLoader loader = ClassPreloader.class.getClassLoader();
        int loaded = 0;
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError absentOrBroken) {
                // Not on this class path, or not loadable alone: the test thread loads what it needs itself.
            }
        }
        return loaded;
    }
}
