package katas.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import katas.support.Catalogue;
import katas.support.ClassPreloader;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Names the closest ids of an unknown {@code -Dexercise=<id>[,<id>…]} as the test JVM opens its launcher
 * session, before any test runs and so before any engine starts; an id that tags no test leaves nothing to
 * run, which fails the build. For the ids it knows, it starts loading their engines' classes
 * ({@link ClassPreloader}; {@code -Dkata.preload=false} turns that off). Registered through
 * {@code META-INF/services}.
 */
public final class ExerciseSelection implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Catalogue catalogue = Catalogue.load();
        List<String> ids = Arrays.stream(System.getProperty("kata.exercise", "").split(","))
                .map(String::strip)
                .filter(id -> !id.isEmpty())
                .toList();
        ids.stream()
                .filter(id -> catalogue.find(id).isEmpty())
                .map(catalogue::unknownIdMessage)
                .forEach(problem -> System.out.println("[bigdata-katas] " + problem));
        if (Boolean.parseBoolean(System.getProperty("kata.preload", "true"))) {
            ids.stream()
                    .map(catalogue::find)
                    .flatMap(Optional::stream)
                    .forEach(exercise -> ClassPreloader.startFor(exercise.engine()));
        }
    }
}
