package katas.tool.command;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import katas.support.LocalSpark;
import katas.support.cluster.ClusterKind;
import katas.support.cluster.ClusterState;
import katas.support.cluster.LocalCluster;
import katas.support.cluster.SparkStandalone;
import katas.tool.Kata;
import katas.tool.KataProblem;
import katas.tool.bench.Bench;
import katas.tool.bench.Scale;
import katas.tool.run.JobJar;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures a lesson's slow and fast variants on generated input, in turn, several times: "
                + "medians, ratios with their spread, the engine's own metrics, and a verdict on the guide's claim. "
                + "CSV, charts and a page in .kata/bench/.")
public final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    Kata kata;

    @Parameters(index = "0", paramLabel = "<id>|all", description = "an exercise whose claim is measured, or all")
    String id;

    @Option(
            names = "--scale",
            description = "tiny (a smoke test), default (about a minute a lesson on 2 cores) or large (10× the rows)",
            converter = ScaleConverter.class)
    Scale scale = Scale.DEFAULT;

    @Option(
            names = "--cluster",
            description = "the Spark lessons on the standalone cluster of kata cluster start spark, executors in "
                    + "their own JVMs, and the Flink lessons on the session of kata cluster start flink: those of "
                    + "the engines whose cluster runs (one must); the serializer's and backpressure's lessons stay "
                    + "in this JVM")
    boolean cluster;

    static final class ScaleConverter implements ITypeConverter<Scale> {
        @Override
        public Scale convert(String value) {
            return Arrays.stream(Scale.values())
                    .filter(scale -> Bench.name(scale).equals(value))
                    .findFirst()
                    .orElseThrow(() -> new TypeConversionException("tiny, default or large, not " + value));
        }
    }

    private Optional<ClusterState> running(String engine) {
        return LocalCluster.running(
                kata.project().root(), ClusterKind.named(engine).orElseThrow());
    }

    @Override
    public Integer call() throws Exception {
        List<String> ids = Bench.ids();
        if (!id.equals("all")) {
            kata.exercise(id); // an unknown id: the closest ids
            if (!ids.contains(id)) {
                throw new KataProblem("%s has no benchmark; these have: %s".formatted(id, String.join(", ", ids)));
            }
        }
        Optional<String> flinkRestAddress = Optional.empty();
        if (cluster) {
            Optional<ClusterState> spark = running("spark");
            Optional<ClusterState> flink = running("flink");
            if (spark.isEmpty() && flink.isEmpty()) {
                throw new KataProblem("no cluster runs: kata cluster start spark, or flink, starts one");
            }
            spark.ifPresent(state -> {
                // Read by LocalSpark and SparkConf when the first lesson starts the session.
                System.setProperty("spark.master", SparkStandalone.master(state));
                System.setProperty("spark.executor.extraJavaOptions", SparkStandalone.executorOptions(state));
            });
            if (flink.isPresent()) {
                flinkRestAddress = Optional.of("http://127.0.0.1:" + flink.get().port("rest"));
                JobJar.writePackageOf(
                        kata.project().benchJar(),
                        Bench.jobClasses(),
                        kata.project().sharedSources());
            }
        }
        try {
            new Bench(
                            kata.out(),
                            kata.project().bench(),
                            flinkRestAddress,
                            kata.project().benchJar())
                    .measure(id.equals("all") ? List.of() : List.of(id), scale);
        } finally {
            LocalSpark.stop();
        }
        return 0;
    }
}
