package katas.tool.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import katas.support.Catalogue;

/**
 * The imports an IDE would offer for a class javac cannot find: the top-level classes of that simple name
 * on the class path and in {@code java.base} and {@code java.sql}; the exercise's engine first, then the
 * JDK, the libraries, the other engine. The index is built on the first miss and kept, so a watch re-run
 * pays for it once.
 */
final class ImportSuggestions {

    /** A missing type, or a capitalised "variable": javac's word for a class used as {@code Name.method()}. */
    private static final Pattern MISSING_CLASS =
            Pattern.compile("cannot find symbol\\s+symbol:\\s+(?:class (\\w+)|variable ([A-Z]\\w*))");

    private static final Pattern INTERNAL = Pattern.compile("\\.(catalyst|execution|internal|runtime|impl|planner)\\.");
    private static final int MOST = 3;

    private final List<Path> classPath;
    private Map<String, TreeSet<String>> bySimpleName;

    ImportSuggestions(List<Path> classPath) {
        this.classPath = classPath;
    }

    /** For a javac message about a missing class, the import lines that would resolve it; else none. */
    List<String> forMessage(String message, Catalogue.Engine engine) {
        Matcher missing = MISSING_CLASS.matcher(message);
        if (!missing.find()) {
            return List.of();
        }
        return imports(missing.group(1) != null ? missing.group(1) : missing.group(2), engine);
    }

    List<String> imports(String simpleName, Catalogue.Engine engine) {
        return index().getOrDefault(simpleName, new TreeSet<>()).stream()
                .sorted(Comparator.comparingInt((String name) -> rank(name, engine))
                        .thenComparing(ImportSuggestions::internal)
                        .thenComparingLong(
                                name -> name.chars().filter(c -> c == '.').count())
                        .thenComparing(Comparator.naturalOrder()))
                .limit(MOST)
                .map(name -> "import " + name + ";")
                .toList();
    }

    /** An engine's own machinery (the planner, the runtime) after its API. */
    private static boolean internal(String className) {
        return INTERNAL.matcher(className).find();
    }

    private static int rank(String className, Catalogue.Engine engine) {
        boolean spark = className.startsWith("org.apache.spark.");
        boolean flink = className.startsWith("org.apache.flink.");
        if (spark && engine.usesSpark() || flink && engine.usesFlink()) {
            return 0;
        }
        if (className.startsWith("java.")) {
            return 1;
        }
        return spark || flink ? 3 : 2;
    }

    private synchronized Map<String, TreeSet<String>> index() {
        if (bySimpleName == null) {
            Map<String, TreeSet<String>> index = new HashMap<>();
            for (Path entry : classPath) {
                if (Files.isDirectory(entry)) {
                    try (Stream<Path> files = Files.walk(entry)) {
                        files.forEach(file -> add(index, entry.relativize(file).toString()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                } else if (entry.toString().endsWith(".jar") && Files.isRegularFile(entry)) {
                    try (ZipFile jar = new ZipFile(entry.toFile())) {
                        jar.stream().forEach(file -> add(index, file.getName()));
                    } catch (IOException e) {
                        // an unreadable jar offers nothing; javac has said what it could not read
                    }
                }
            }
            addJdk(index);
            bySimpleName = index;
        }
        return bySimpleName;
    }

    private static void addJdk(Map<String, TreeSet<String>> index) {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        try (Stream<Path> modules = Files.list(jrt.getPath("/modules"))) {
            for (Path module : modules.filter(module -> List.of("java.base", "java.sql")
                            .contains(module.getFileName().toString()))
                    .toList()) {
                try (Stream<Path> files = Files.walk(module)) {
                    files.forEach(file -> add(index, module.relativize(file).toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds {@code a/b/Name.class}, unless nested, a module or package descriptor, or a shaded copy. */
    private static void add(Map<String, TreeSet<String>> index, String file) {
        String path = file.replace('\\', '/');
        if (!path.endsWith(".class")
                || path.contains("$")
                || path.endsWith("-info.class")
                || path.startsWith("META-INF/")
                || path.contains("/shaded/")
                || path.startsWith("org/sparkproject/")) {
            return;
        }
        String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
        String simpleName = name.substring(name.lastIndexOf('.') + 1);
        index.computeIfAbsent(simpleName, key -> new TreeSet<>()).add(name);
    }
}
