package katas.tool.interview;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import katas.support.Catalogue;
import katas.tool.FileTrees;
import katas.tool.Project;

/**
 * The SHA-256 of every file an interview's score depends on but the learner must not edit: the tests of
 * its exercises, the fixtures, the hints and the catalogue. Taken at the start, compared at submit.
 */
final class Fingerprints {

    private Fingerprints() {}

    static Map<String, String> take(Project project, List<Catalogue.Exercise> exercises) {
        Map<String, String> sums = new TreeMap<>();
        for (Catalogue.Exercise exercise : exercises) {
            Path tests = project.testFolder(exercise);
            FileTrees.relativeFiles(tests)
                    .forEach(file -> sums.put(key(project, tests.resolve(file)), sha256(tests.resolve(file))));
        }
        Path fixtures = project.root().resolve("fixtures");
        FileTrees.relativeFiles(fixtures)
                .forEach(file -> sums.put(key(project, fixtures.resolve(file)), sha256(fixtures.resolve(file))));
        for (Path file : List.of(project.hints(), project.root().resolve(Catalogue.FILE_NAME))) {
            sums.put(key(project, file), sha256(file));
        }
        return sums;
    }

    /** The files whose content is not what it was, or that are gone or new. */
    static List<String> changed(Map<String, String> before, Map<String, String> now) {
        TreeMap<String, String> all = new TreeMap<>(before);
        now.forEach(all::putIfAbsent);
        return all.keySet().stream()
                .filter(file -> !before.getOrDefault(file, "").equals(now.getOrDefault(file, "")))
                .toList();
    }

    private static String key(Project project, Path file) {
        return project.relative(file);
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
