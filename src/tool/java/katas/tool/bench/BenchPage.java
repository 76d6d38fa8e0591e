package katas.tool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import katas.tool.interview.Pages;

/** One page with every lesson measured: its claim, its table, its chart and its verdict. */
final class BenchPage {

    private BenchPage() {}

    static void write(List<Result> results, Path page) throws IOException {
        StringBuilder body = new StringBuilder("<h1>The lessons measured</h1>\n");
        body.append(Pages.html(
                "On %s. Medians of the rounds after a warm-up; a ratio is the baseline's time over the variant's, round by round, [lowest–highest]."
                        .formatted(machine())));
        for (Result result : results) {
            body.append(Pages.figure(
                    "%s (scale %s): %s"
                            .formatted(
                                    result.lesson().id(),
                                    Bench.name(result.scale()),
                                    result.lesson().claim()),
                    BenchChart.svg(result)));
            body.append(Pages.html(table(result)));
            body.append(Pages.html("**Verdict:** " + Pages.text(result.lesson().verdict(result))));
        }
        Files.createDirectories(page.getParent());
        Files.writeString(page, Pages.page("bigdata-katas: the lessons measured", body.toString()));
    }

    /** The lesson's table in Markdown, as the README shows one. */
    static String table(Result result) {
        List<String> evidence = List.copyOf(result.baseline().evidence().keySet());
        StringBuilder table = new StringBuilder("| variant | median ms | ratio [spread] | ")
                .append(String.join(" | ", evidence))
                .append(" |\n|---|---|---|")
                .append("---|".repeat(evidence.size()))
                .append('\n');
        for (Result.Variant variant : result.variants()) {
            table.append("| %s | %.0f | %s | ".formatted(variant.name(), variant.medianMillis(), result.ratio(variant)))
                    .append(evidence.stream()
                            .map(name -> Bench.number(variant.evidence().get(name)))
                            .collect(Collectors.joining(" | ")))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** Where the figures come from: they mean nothing without it. */
    static String machine() {
        return "%d cores, %s %s, Java %s"
                .formatted(
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("os.name"),
                        System.getProperty("os.arch"),
                        Runtime.version().feature());
    }
}
