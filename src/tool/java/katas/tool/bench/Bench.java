package katas.tool.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import katas.support.ScratchFolder;

/**
 * Runs a lesson's variants in turn, round after round (the order rotating, so that neither always runs on
 * a warmer JVM), one warm-up round left out; prints the medians, the ratios with their spread, the engine's
 * evidence and the verdict; writes a CSV and a chart.
 */
public final class Bench {

    private final PrintWriter out;
    private final Path results;
    private final Optional<FlinkLessons.Session> flinkSession;

    /**
     * A bench that prints to {@code out} and writes under {@code results}; the Flink lessons' jobs go to the Flink
     * session whose REST API is at {@code flinkRestAddress}, shipped in {@code flinkJobJar}, when one is given.
     */
    public Bench(PrintWriter out, Path results, Optional<String> flinkRestAddress, Path flinkJobJar) {
        this.out = out;
        this.results = results;
        this.flinkSession = flinkRestAddress.map(address -> new FlinkLessons.Session(address, flinkJobJar));
    }

    /** Every lesson measured, the exercise id of each. */
    public static List<String> ids() {
        return lessons(Optional.empty()).stream().map(Lesson::id).toList();
    }

    /** The class whose package holds the lessons' jobs: what a job jar for the Flink session must ship. */
    public static Class<?> jobClasses() {
        return FlinkLessons.class;
    }

    private static List<Lesson> lessons(Optional<FlinkLessons.Session> flinkSession) {
        List<Lesson> all = new ArrayList<>(SparkLessons.all());
        all.add(new SerializerLesson());
        all.addAll(FlinkLessons.all(flinkSession));
        return all;
    }

    /** Measures the lessons of these ids (all of them when empty), then writes the page that shows them all. */
    public List<Result> measure(List<String> ids, Scale scale) throws Exception {
        List<Result> measured = new ArrayList<>();
        for (Lesson lesson : lessons(flinkSession)) {
            if (ids.isEmpty() || ids.contains(lesson.id())) {
                measured.add(measure(lesson, scale));
            }
        }
        BenchPage.write(measured, results.resolve("index.html"));
        out.println("Page: " + results.resolve("index.html"));
        return measured;
    }

    private Result measure(Lesson lesson, Scale scale) throws Exception {
        out.printf("%n== %s (scale %s): %s ==%n", lesson.id(), name(scale), lesson.claim());
        out.flush();
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        Map<String, Map<String, Double>> evidence = new LinkedHashMap<>();
        List<String> variants = lesson.variants();
        variants.forEach(variant -> millis.put(variant, new ArrayList<>()));
        try (lesson;
                ScratchFolder scratch = ScratchFolder.create("bigdata-katas-bench-")) {
            // Interrupted (Ctrl-C), the JVM still removes the input written so far.
            Thread removeOnExit = new Thread(scratch::close);
            Runtime.getRuntime().addShutdownHook(removeOnExit);
            try {
                runRounds(lesson, scale, scratch, millis, evidence);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(removeOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
        }
        Result result = new Result(
                lesson,
                scale,
                variants.stream()
                        .map(variant -> new Result.Variant(variant, millis.get(variant), evidence.get(variant)))
                        .toList());
        print(result);
        write(result);
        return result;
    }

    private void runRounds(
            Lesson lesson,
            Scale scale,
            ScratchFolder scratch,
            Map<String, List<Double>> millis,
            Map<String, Map<String, Double>> evidence)
            throws Exception {
        lesson.prepare(scale, scratch.path());
        out.println("  on " + lesson.where());
        List<String> variants = lesson.variants();
        for (int round = 0; round <= scale.rounds; round++) {
            for (int turn = 0; turn < variants.size(); turn++) {
                String variant = variants.get((round + turn) % variants.size());
                long started = System.nanoTime();
                Map<String, Double> found = lesson.run(variant);
                double elapsed = (System.nanoTime() - started) / 1e6;
                if (round > 0) { // round 0 warms the JVM and the engine up
                    millis.get(variant).add(elapsed);
                    evidence.put(variant, found);
                }
            }
        }
    }

    private void print(Result result) {
        for (Result.Variant variant : result.variants()) {
            out.printf(
                    "  %-12s median %8.0f ms   %-28s %s%n",
                    variant.name(),
                    variant.medianMillis(),
                    result.ratio(variant),
                    variant.evidence().entrySet().stream()
                            .map(found -> "%s %s".formatted(found.getKey(), number(found.getValue())))
                            .collect(Collectors.joining(", ")));
        }
        out.println("  verdict: " + result.lesson().verdict(result));
        out.flush();
    }

    /** The rounds as CSV (a row per run), and the chart as SVG, under the results folder. */
    private void write(Result result) throws IOException {
        Files.createDirectories(results);
        List<String> evidenceNames = List.copyOf(result.baseline().evidence().keySet());
        List<String> lines = new ArrayList<>();
        lines.add(Stream.concat(Stream.of("lesson", "scale", "variant", "round", "millis"), evidenceNames.stream())
                .collect(Collectors.joining(",")));
        for (Result.Variant variant : result.variants()) {
            for (int round = 0; round < variant.millis().size(); round++) {
                List<String> cells = new ArrayList<>(List.of(
                        result.lesson().id(),
                        name(result.scale()),
                        variant.name(),
                        String.valueOf(round + 1),
                        "%.1f".formatted(variant.millis().get(round))));
                evidenceNames.forEach(
                        name -> cells.add(number(variant.evidence().get(name))));
                lines.add(String.join(",", cells));
            }
        }
        Files.write(results.resolve(result.lesson().id() + ".csv"), lines);
        Files.writeString(results.resolve(result.lesson().id() + ".svg"), BenchChart.svg(result));
    }

    public static String name(Scale scale) {
        return scale.name().toLowerCase(Locale.ROOT);
    }

    static String number(double value) {
        return value == Math.rint(value) ? "%.0f".formatted(value) : "%.1f".formatted(value);
    }
}
