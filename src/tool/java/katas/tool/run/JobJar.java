package katas.tool.run;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import katas.support.Catalogue;

/**
 * The job jar of an exercise, as a user's build would make it for a cluster that provides the engine: the
 * exercise's classes, the project's shared classes ({@code src/main}: support and domain) and, shaded in,
 * the artifacts the catalogue's {@code bundle} names (connectors, drivers). Services files of the
 * bundled jars are merged, as the Shade plugin's ServicesResourceTransformer merges them, so that
 * connectors found through {@link java.util.ServiceLoader} stay found.
 */
public final class JobJar {

    private static final String SERVICES = "META-INF/services/";

    private JobJar() {}

    /**
     * Writes the jar of {@code exercise} to {@code jar}: {@code exerciseClasses} whole, of {@code sharedClasses}
     * the packages of {@code sharedSources}, and the bundled jars found on {@code classPath}.
     */
    public static Path write(
            Path jar,
            Catalogue.Exercise exercise,
            List<Path> exerciseClasses,
            Path sharedClasses,
            Path sharedSources,
            String classPath)
            throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Path folder : exerciseClasses) {
            addTree(entries, folder);
        }
        for (String shared : sharedPackages(sharedSources)) {
            addPackage(entries, sharedClasses, sharedClasses.resolve(shared));
        }
        for (Path bundled : bundledJars(exercise, classPath)) {
            addJar(entries, bundled);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, exercise.stubClassName());
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

    /** The jars on {@code classPath} of the artifacts the exercise bundles; fails naming one it lacks. */
    static List<Path> bundledJars(Catalogue.Exercise exercise, String classPath) {
        List<Path> jars = Stream.of(classPath.split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .map(Path::of)
                .toList();
        List<Path> bundled = new ArrayList<>();
        for (String artifact : exercise.bundle()) {
            Path found = jars.stream()
                    .filter(jar -> jar.getFileName().toString().matches(artifact.replace(".", "\\.") + "-\\d.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("catalogue.toml: " + exercise.id() + " bundles "
                            + artifact + ", which is not on the class path"));
            bundled.add(found);
        }
        return bundled;
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

    private static void addJar(Map<String, byte[]> entries, Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> all = file.entries();
            while (all.hasMoreElements()) {
                JarEntry entry = all.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !kept(name)) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = file.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (name.startsWith(SERVICES) && entries.containsKey(name)) {
                    entries.put(name, merged(entries.get(name), bytes));
                } else {
                    entries.putIfAbsent(name, bytes);
                }
            }
        }
    }

    /** Not a bundled jar's manifest, signature or module descriptor: they describe that jar alone. */
    private static boolean kept(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return !upper.equals("META-INF/MANIFEST.MF")
                && !(upper.startsWith("META-INF/")
                        && (upper.endsWith(".SF") || upper.endsWith(".DSA") || upper.endsWith(".RSA")))
                && !name.endsWith("module-info.class");
    }

    private static byte[] merged(byte[] first, byte[] second) throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        writeLine(both, first);
        writeLine(both, second);
        return both.toByteArray();
    }

    private static void writeLine(OutputStream out, byte[] text) throws IOException {
        out.write(text);
        if (text.length > 0 && text[text.length - 1] != '\n') {
            out.write('\n');
        }
    }
}
