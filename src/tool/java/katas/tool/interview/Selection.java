package katas.tool.interview;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import katas.support.Catalogue;
import katas.tool.KataProblem;
import katas.tool.Progress;

/**
 * Which exercises an interview asks: those of the engine, of the grade asked or the one below, that fit the
 * time; never-solved ones first, then those solved longest ago, in an order that only the seed decides.
 * An interview always holds an exercise of the grade asked and, on both engines, a Spark and a Flink one
 * (an exercise on both counts for each); when the time cannot hold that, the start is refused with the
 * minutes it needs.
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

        List<Catalogue.Exercise> picked = new ArrayList<>(required(candidates, engine.equals("both"), grade, minutes)
                .orElseThrow(() -> tooShort(candidates, engine, grade, minutes)));
        int used = picked.stream().mapToInt(Catalogue.Exercise::minutes).sum();
        for (Catalogue.Exercise exercise : candidates) {
            if (!picked.contains(exercise) && used + exercise.minutes() <= minutes) {
                picked.add(exercise);
                used += exercise.minutes();
            }
        }
        picked.sort(Comparator.comparingInt(candidates::indexOf));
        return picked;
    }

    /** The first exercises, in the candidates' order, that give the grade asked and, on both engines, each engine. */
    private static Optional<List<Catalogue.Exercise>> required(
            List<Catalogue.Exercise> candidates, boolean bothEngines, int grade, int minutes) {
        for (Catalogue.Exercise anchor : candidates) {
            if (anchor.grade() != grade || anchor.minutes() > minutes) {
                continue;
            }
            if (!bothEngines || anchor.engine() == Catalogue.Engine.BOTH) {
                return Optional.of(List.of(anchor));
            }
            for (Catalogue.Exercise other : candidates) {
                if (otherEngine(anchor, other) && anchor.minutes() + other.minutes() <= minutes) {
                    return Optional.of(List.of(anchor, other));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean otherEngine(Catalogue.Exercise anchor, Catalogue.Exercise other) {
        return anchor.engine().usesSpark()
                ? other.engine().usesFlink()
                : other.engine().usesSpark();
    }

    private static KataProblem tooShort(List<Catalogue.Exercise> candidates, String engine, int grade, int minutes) {
        boolean bothEngines = engine.equals("both");
        String what = "a grade-" + grade + " interview on " + (bothEngines ? "both engines" : engine);
        // The shortest set that holds what is required, whatever the time.
        int shortest = Integer.MAX_VALUE;
        for (Catalogue.Exercise anchor : candidates) {
            if (anchor.grade() != grade) {
                continue;
            }
            if (!bothEngines || anchor.engine() == Catalogue.Engine.BOTH) {
                shortest = Math.min(shortest, anchor.minutes());
            }
            for (Catalogue.Exercise other : candidates) {
                if (bothEngines && otherEngine(anchor, other)) {
                    shortest = Math.min(shortest, anchor.minutes() + other.minutes());
                }
            }
        }
        if (shortest == Integer.MAX_VALUE) {
            return new KataProblem("no exercise can make " + what + ": choose another grade or engine (kata list)");
        }
        return new KataProblem(what + " needs " + shortest + " minutes at least, not " + minutes
                + ": kata interview start --engine " + engine + " --grade " + grade + " --minutes " + shortest);
    }
}
