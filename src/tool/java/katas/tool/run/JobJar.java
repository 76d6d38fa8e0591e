package katas.tool.run;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import katas.support.Catalogue;

/**
 * The job jar of an exercise, as a user's build makes it for a cluster that provides the engine (Spark's
 * jars, flink-dist's lib/): the exercise's classes and the project's shared classes ({@code src/main}:
 * support and domain). No exercise that runs on a cluster needs a connector the cluster lacks.
 */
public final class JobJar {

    private JobJar() {}

    /**
     * Writes the jar of {@code exercise} to {@code jar}: {@code exerciseClasses} whole, and the classes of the
     * packages of {@code sharedSources}, from where this JVM loaded them.
     */
    public static Path write(Path jar, Catalogue.Exercise exercise, List<Path> exerciseClasses, Path sharedSources)
            throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Path folder : exerciseClasses) {
            addTree(entries, folder);
        }
        return write(jar, exercise.stubClassName(), entries, sharedSources);
    }

    /**
     * Writes a jar, with no main class, of the classes of {@code type}'s package (nested ones included) and those of
     * the packages of {@code sharedSources}: the kata command's own jobs, for a cluster to load.
     */
    public static Path writePackageOf(Path jar, Class<?> type, Path sharedSources) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Path classes = classesOf(type);
        addPackage(entries, classes, classes.resolve(type.getPackageName().replace('.', '/')));
        return write(jar, null, entries, sharedSources);
    }

    private static Path write(Path jar, String mainClass, Map<String, byte[]> entries, Path sharedSources)
            throws IOException {
        Path sharedClasses = classesOf(Catalogue.class);
        for (String shared : sharedPackages(sharedSources)) {
            addPackage(entries, sharedClasses, sharedClasses.resolve(shared));
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The folder (or jar) this JVM loaded {@code type} from. */
    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("where the classes of " + type.getName() + " are: " + e.getMessage(), e);
        }
    }

    /** The top packages of the shared sources, as paths ({@code katas/support}, {@code katas/domain}). */
    private static List<String> sharedPackages(Path sharedSources) throws IOException {
        try (Stream<Path> files = Files.walk(sharedSources)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .map(file -> sharedSources.relativize(file.getParent()).toString())
                    .map(folder -> folder.replace(File.separatorChar, '/'))
                    .distinct()
                    .toList();
        }
    }

    /** The files directly in {@code folder} (a package: its classes, nested ones included), named from {@code root}. */
    private static void addPackage(Map<String, byte[]> entries, Path root, Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                add(entries, root, files.filter(Files::isRegularFile));
            }
        }
    }

    private static void addTree(Map<String, byte[]> entries, Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            add(entries, root, files.filter(Files::isRegularFile));
        }
    }

    private static void add(Map<String, byte[]> entries, Path root, Stream<Path> files) throws IOException {
        for (Path file : files.sorted().toList()) {
            String name = root.relativize(file).toString().replace(File.separatorChar, '/');
            entries.putIfAbsent(name, Files.readAllBytes(file));
        }
    }
}
