package katas.testing;

import java.util.Arrays;
import java.util.List;
import katas.support.Catalogue;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Names the closest ids of an unknown {@code -Dexercise=<id>[,<id>…]} as the test JVM opens its launcher
 * session, before any test runs and so before any engine starts; an id that tags no test leaves nothing to
 * run, which fails the build. Registered through {@code META-INF/services}.
 */
public final class ExerciseSelection implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Catalogue catalogue = Catalogue.load();
        List<String> unknown = Arrays.stream(
                        System.getProperty("kata.exercise", "").split(","))
                .map(String::strip)
                .filter(id -> !id.isEmpty() && catalogue.find(id).isEmpty())
                .map(catalogue::unknownIdMessage)
                .toList();
        unknown.forEach(problem -> System.out.println("[bigdata-katas] " + problem));
    }
}
