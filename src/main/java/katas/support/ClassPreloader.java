package katas.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Loads an engine's classes on a daemon thread, in the order a recorded test run loaded them, while other
 * threads start the engine: a cold JVM spends much of its first Spark query looking classes up in the jars
 * of the class path, one thread at a time, and the second core has little else to do then. Classes are
 * loaded, not initialised, so no static initialiser runs out of its order. The lists ({@code
 * katas/preload/<engine>.txt.gz}, outside the packages a job jar takes) are recorded by {@code
 * bench/preload-lists.sh}; a class missing since (another engine version) is skipped.
 */
public final class ClassPreloader {

    private static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

    private ClassPreloader() {}

    /** The lists an exercise of {@code engine} needs: {@code spark}, {@code flink}, or both. */
    public static List<String> listsFor(Catalogue.Engine engine) {
        List<String> lists = new ArrayList<>(2);
        if (engine.usesSpark()) {
            lists.add("spark");
        }
        if (engine.usesFlink()) {
            lists.add("flink");
        }
        return lists;
    }

    /** Starts loading the classes of each list of {@code engine} not started yet in this JVM. */
    public static void startFor(Catalogue.Engine engine) {
        listsFor(engine).forEach(ClassPreloader::start);
    }

    /** Starts loading the classes of {@code list}, unless this JVM did already. */
    public static void start(String list) {
        if (!STARTED.add(list)) {
            return;
        }
        Thread thread = new Thread(() -> load(classesOf(list)), "preload-" + list + "-classes");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** The binary names of the classes of {@code list}, in their order; none if there is no such list. */
    static List<String> classesOf(String list) {
        InputStream names = ClassPreloader.class.getResourceAsStream("/katas/preload/" + list + ".txt.gz");
        if (names == null) {
            return List.of();
        }
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(new GZIPInputStream(names), StandardCharsets.UTF_8))) {
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
                // Not on this class path, or not loadable alone: the engine's threads load what they need themselves.
            }
        }
        return loaded;
    }
}
