package katas.tool.interview;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import katas.support.Catalogue;
import katas.tool.Progress;

/**
 * Which exercises an interview asks: those of the engine, of the grade asked or the one below, that fit the
 * time; never-solved ones first, then those solved longest ago, in an order that only the seed decides.
 */
public final class Selection {

    private Selection() {}

    public static List<Catalogue.Exercise> pick(
            Catalogue catalogue, Progress progress, String engine, int grade, int minutes, long seed) {
        List<Catalogue.Exercise> candidates = new ArrayList<>(catalogue.exercises().stream()
                .filter(exercise -> engine.equals("both")
                        || exercise.engine().id().equals(engine)
                        || exercise.engine() == Catalogue.Engine.BOTH)
                .filter(exercise -> exercise.grade() <= grade && exercise.grade() >= Math.max(1, grade - 1))
                .toList());
        Collections.shuffle(candidates, new Random(seed));
        candidates.sort(Comparator.comparing((Catalogue.Exercise exercise) ->
                        progress.of(exercise.id()).solved())
                .thenComparing(
                        exercise -> progress.of(exercise.id()).lastRun(),
                        Comparator.nullsFirst(Comparator.naturalOrder())));
        List<Catalogue.Exercise> picked = new ArrayList<>();
        int used = 0;
        for (Catalogue.Exercise exercise : candidates) {
            if (used + exercise.minutes() <= minutes) {
                picked.add(exercise);
                used += exercise.minutes();
            }
        }
        if (picked.isEmpty() && !candidates.isEmpty()) {
            picked.add(candidates.stream()
                    .min(Comparator.comparingInt(Catalogue.Exercise::minutes))
                    .orElseThrow());
        }
        return picked;
    }
}
