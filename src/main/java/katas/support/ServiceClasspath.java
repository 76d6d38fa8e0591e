package katas.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The class path of a server the project runs as a local process from its own Maven project under
 * {@code services/} (the Kafka broker, the Spark and Flink clusters): resolved once by the project's Maven
 * wrapper with dependency:build-classpath into {@code target/}, again when the pom changes.
 */
public final class ServiceClasspath {

    private ServiceClasspath() {}

    /** Where {@link #resolve} writes the class path called {@code name}. */
    public static Path file(Path root, String name) {
        return root.resolve("target/" + name + ".classpath");
    }

    /** Whether {@link #resolve} would run Maven: the first time, or when the pom changed. */
    public static boolean stale(Path pom, Path classpath) throws IOException {
        return !Files.isRegularFile(classpath)
                || Files.getLastModifiedTime(classpath).compareTo(Files.getLastModifiedTime(pom)) < 0;
    }

    /**
     * The jars of {@code pom} (relative to the project's root), one path string, written to
     * {@code target/<name>.classpath}; {@code properties} go to Maven as {@code -D} (the engine versions).
     */
    public static String resolve(Path root, String pom, String name, String what, Map<String, String> properties)
            throws IOException {
        Path classpath = file(root, name);
        if (stale(root.resolve(pom), classpath)) {
            Files.createDirectories(classpath.getParent());
            Path log = root.resolve("target/" + name + "-resolve.log");
            List<String> command = new ArrayList<>(List.of(
                    root.resolve("mvnw").toString(),
                    "-q",
                    "--batch-mode",
                    "-f",
                    root.resolve(pom).toString(),
                    "dependency:build-classpath",
                    "-Dmdep.outputFile=" + classpath));
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            Process maven = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                if (maven.waitFor() != 0) {
                    Files.deleteIfExists(classpath);
                    throw new IllegalStateException(
                            "cannot resolve " + what + " with Maven; see " + root.relativize(log));
                }
                // The plugin leaves a file whose content has not changed untouched: mark it fresh, or every
                // later call would resolve again.
                Files.setLastModifiedTime(classpath, FileTime.from(Instant.now()));
            } catch (InterruptedException e) {
                maven.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while resolving " + what, e);
            }
        }
        return Files.readString(classpath).strip();
    }
}
