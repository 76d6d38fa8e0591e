package katas.tool.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The measured runs of a lesson: per variant, the time of each round and the evidence of its last run. */
record Result(Lesson lesson, Scale scale, List<Variant> variants) {

    record Variant(String name, List<Double> millis, Map<String, Double> evidence) {
        double medianMillis() {
            return median(millis);
        }
    }

    Variant baseline() {
        return variants.get(0);
    }

    Variant variant(String name) {
        return variants.stream()
                .filter(variant -> variant.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** The baseline's time over this variant's, round by round (each round ran both, one after the other). */
    List<Double> ratios(Variant variant) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < variant.millis().size(); round++) {
            ratios.add(baseline().millis().get(round) / variant.millis().get(round));
        }
        return ratios;
    }

    /** The median ratio and its spread, [lowest–highest]; for the baseline, that it is the baseline. */
    String ratio(Variant variant) {
        if (variant == baseline()) {
            return "1 (baseline)";
        }
        List<Double> ratios = ratios(variant);
        return "%.2f× [%.2f–%.2f]"
                .formatted(
                        median(ratios),
                        ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                        ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    double evidence(String variant, String name) {
        return variant(variant).evidence().get(name);
    }

    /**
     * Holds when {@code fast} was faster in every round by at least a tenth, does not hold when it was slower in
     * every round, depends otherwise (at this scale, on this machine); then the time, then the engine's evidence.
     */
    String verdict(String fast, String evidence) {
        List<Double> ratios = ratios(variant(fast));
        double ratio = median(ratios);
        String time;
        if (scale == Scale.TINY) {
            time = "no verdict at scale tiny (%.2f×)".formatted(ratio);
        } else if (ratios.stream().allMatch(each -> each > 1.1)) {
            time = "holds: %s %.2f× faster in every round".formatted(fast, ratio);
        } else if (ratios.stream().allMatch(each -> each < 1)) {
            time = "does not hold: %s %.2f× as fast, slower in every round".formatted(fast, ratio);
        } else {
            time = "depends: no steady difference in time at scale %s (%.2f×)".formatted(Bench.name(scale), ratio);
        }
        return time + "; " + evidence;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
