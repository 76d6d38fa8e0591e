package katas.support.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a later {@code kata} process needs to find a running cluster: its kind, its folder, the supervisor's
 * process id, each daemon's id and the ports chosen. Kept as a properties file under {@code .kata/cluster/}.
 */
public record ClusterState(
        String kind,
        Path folder,
        long supervisor,
        Map<String, Long> daemons,
        Map<String, Integer> ports,
        Instant started) {

    public ClusterState {
        daemons = Collections.unmodifiableMap(new LinkedHashMap<>(daemons));
        ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
    }

    /** The state in {@code file}; none when there is no file, or it is not a complete state. */
    public static Optional<ClusterState> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            Map<String, Long> daemons = new LinkedHashMap<>();
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String key : new TreeMap<>(properties)
                    .keySet().stream().map(Object::toString).toList()) {
                if (key.startsWith("pid.")) {
                    daemons.put(key.substring(4), Long.parseLong(properties.getProperty(key)));
                } else if (key.startsWith("port.")) {
                    ports.put(key.substring(5), Integer.parseInt(properties.getProperty(key)));
                }
            }
            return Optional.of(new ClusterState(
                    properties.getProperty("kind"),
                    Path.of(properties.getProperty("folder")),
                    Long.parseLong(properties.getProperty("supervisor")),
                    daemons,
                    ports,
                    Instant.parse(properties.getProperty("started"))));
        } catch (IOException | RuntimeException damaged) {
            return Optional.empty();
        }
    }

    public void save(Path file) {
        Properties properties = new Properties();
        properties.setProperty("kind", kind);
        properties.setProperty("folder", folder.toString());
        properties.setProperty("supervisor", String.valueOf(supervisor));
        daemons.forEach((name, pid) -> properties.setProperty("pid." + name, String.valueOf(pid)));
        ports.forEach((name, port) -> properties.setProperty("port." + name, String.valueOf(port)));
        properties.setProperty("started", started.toString());
        try {
            StringWriter text = new StringWriter();
            properties.store(text, "a local cluster that kata cluster start started; kata cluster stop stops it");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port(String name) {
        return ports.get(name);
    }
}
