package katas.tool.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bench's arithmetic (ratios taken round by round, their median and spread, the verdict they give) and its chart. */
class ResultTest {

    private static final Lesson LESSON = new Lesson() {
        @Override
        public About about() {
            return new About("broadcast-join", "a claim", List.of("slow", "fast"));
        }

        @Override
        public void prepare(Scale scale, Path scratch) {}

        @Override
        public Map<String, Double> run(String variant) {
            return Map.of();
        }

        @Override
        public String verdict(Result result) {
            return result.verdict("fast", "evidence");
        }
    };

    private static Result rounds(Scale scale, List<Double> slow, List<Double> fast) {
        return new Result(
                LESSON,
                scale,
                List.of(new Result.Variant("slow", slow, Map.of()), new Result.Variant("fast", fast, Map.of())));
    }

    @Test
    @DisplayName("a ratio per round, the slow time over the fast one of the same round; median and spread")
    void ratiosRoundByRound() {
        Result result = rounds(Scale.DEFAULT, List.of(300.0, 200.0, 900.0), List.of(100.0, 200.0, 300.0));

        assertThat(result.ratios(result.variant("fast"))).containsExactly(3.0, 1.0, 3.0);
        assertThat(result.ratio(result.variant("fast"))).isEqualTo("3.00× [1.00–3.00]");
        assertThat(result.ratio(result.baseline())).isEqualTo("1 (baseline)");
        assertThat(result.variant("slow").medianMillis()).isEqualTo(300.0);
        assertThat(Result.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    @DisplayName("holds only when faster in every round by a tenth; does not hold when slower in every round")
    void verdicts() {
        assertThat(rounds(Scale.DEFAULT, List.of(240.0, 260.0), List.of(200.0, 200.0))
                        .verdict("fast", "e"))
                .startsWith("holds: fast 1.25× faster in every round")
                .endsWith("; e");
        assertThat(rounds(Scale.DEFAULT, List.of(300.0, 210.0), List.of(100.0, 200.0))
                        .verdict("fast", "e"))
                .startsWith("depends: no steady difference in time at scale default");
        assertThat(rounds(Scale.DEFAULT, List.of(90.0, 80.0), List.of(100.0, 100.0))
                        .verdict("fast", "e"))
                .startsWith("does not hold: fast 0.85× as fast, slower in every round");
        assertThat(rounds(Scale.TINY, List.of(900.0), List.of(100.0)).verdict("fast", "e"))
                .startsWith("no verdict at scale tiny (9.00×)");
    }

    @Test
    @DisplayName("the chart's axes, series and variants are SVG text, as a page shows them and a search finds them")
    void chartLabelsAreText() {
        String svg = BenchChart.svg(rounds(Scale.DEFAULT, List.of(300.0, 200.0), List.of(100.0, 200.0)));

        assertThat(svg)
                .startsWith("<svg id='broadcast-join-chart'")
                .contains(">milliseconds</text>", ">variant</text>", ">median</text>", ">each round</text>")
                .contains(">slow</text>", ">fast</text>");
    }
}
