package katas.gates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import katas.tool.Hints;
import katas.tool.Project;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hints stay progressive (issue 16): the second hint of every exercise, the API, names the classes, methods,
 * options and config keys to look up; the code that uses them is the third hint's, the sketch. A backquoted
 * span of hint 2 writes code when it holds a lambda, a method reference, a constructor call, calls chained
 * with arguments, or a call whose arguments are values (literals, constants, expressions) rather than a
 * signature (types or parameter names: {@code udf(UDF2, DataType)}, {@code of(Duration size, Duration
 * slide)}).
 */
class ApiHintsGateTest {

    private static final Pattern SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern LAMBDA = Pattern.compile("->");
    private static final Pattern METHOD_REFERENCE = Pattern.compile("\\w::\\w");
    private static final Pattern CONSTRUCTOR = Pattern.compile("\\bnew\\s+[\\w.]+\\s*(<[^>]*>)?\\s*[(\\[]");
    private static final Pattern CALL = Pattern.compile("[\\w$]+\\s*\\(");
    private static final Pattern CHAINED = Pattern.compile("\\)\\s*\\.\\s*(<[^>]*>)?[\\w$]+\\s*\\(");
    /** One argument of a signature: a type or a parameter name, or a type and a name; {@code ...} elides. */
    private static final Pattern SIGNATURE_ARGUMENT =
            Pattern.compile("[A-Za-z_][\\w.]*(<[^()]*>)?(\\[])*(\\.\\.\\.)?(\\s+[a-z]\\w*)?|\\.\\.\\.");

    /** A constant of the exercise ({@code WINDOW}, {@code LATE_CLICKS}), not a type such as {@code UDF2}. */
    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9]*_[A-Z0-9_]*|[A-Z]{4,}");

    @Test
    @DisplayName("every hint 2 (API) names the API and leaves the code to hint 3 (sketch)")
    void apiHintsWriteNoCode() {
        List<String> hits = new ArrayList<>();
        for (Map.Entry<String, List<String>> section :
                Hints.read(Project.here().hints()).entrySet()) {
            List<String> hints = section.getValue();
            if (hints.size() < 2) {
                continue; // CatalogueConsistencyTest reports a section without three hints
            }
            Matcher span = SPAN.matcher(hints.get(1));
            while (span.find()) {
                String code = span.group(1);
                writesCode(code).ifPresent(reason -> hits.add(section.getKey() + ": `" + code + "` (" + reason + ")"));
            }
        }

        assertThat(hits)
                .as(
                        "spans of hint 2 (API) that write the code (name the classes, methods, options or keys and"
                                + " what each is for; the expression belongs in hint 3, the sketch):%n%s",
                        String.join("\n", hits))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "spark.read().json(path)",
                "functions.col(\"eventType\").equalTo(\"purchase\")",
                "left.join(right, \"userId\")",
                "dataset.write().parquet(path)",
                "Math.floorMod(someField.hashCode(), SALTS)",
                "keyBy(SaltedPageCounts::saltedKey)",
                ".window(TumblingEventTimeWindows.of(WINDOW))",
                ".withTimestampAssigner((click, ts) -> ...)",
                "new Configuration()",
                "FileSink.forRowFormat(path, encoder).build()",
                "drop(new String[] {\"userId\", \"amount\"})",
                "ctx.timerService().registerEventTimeTimer(ts)",
                "GROUP BY page, TUMBLE(clickTime, INTERVAL '10' MINUTE)"
            })
    @DisplayName("code is rejected")
    void rejectsCode(String span) {
        assertThat(writesCode(span)).as(span).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Row.getAs(name)",
                "functions.udf(UDF2, DataType)",
                "Dataset.randomSplit(double[], long)",
                "Dataset.repartition(Column...)",
                "env.fromSource(source, WatermarkStrategy, name)",
                "SlidingEventTimeWindows.of(Duration size, Duration slide)",
                "aggregate(AggregateFunction, ProcessWindowFunction)",
                "Window.unboundedPreceding()",
                "PipelineModel.write()",
                "org.apache.spark.ml.feature.StringIndexer",
                "spark.sql.adaptive.skewJoin.enabled",
                "KafkaSource.builder()"
            })
    @DisplayName("names of the API are accepted")
    void acceptsNames(String span) {
        assertThat(writesCode(span)).as(span).isEmpty();
    }

    /** Why a span writes code, if it does. */
    static Optional<String> writesCode(String span) {
        if (LAMBDA.matcher(span).find()) {
            return Optional.of("a lambda");
        }
        if (METHOD_REFERENCE.matcher(span).find()) {
            return Optional.of("a method reference");
        }
        if (CONSTRUCTOR.matcher(span).find()) {
            return Optional.of("a constructor call");
        }
        Matcher call = CALL.matcher(span);
        while (call.find()) {
            int close = span.indexOf(')', call.end());
            if (close < 0) {
                continue; // a span wrapped in the middle of a signature
            }
            String arguments = span.substring(call.end(), close).strip();
            if (arguments.contains("(")) {
                return Optional.of("a call inside a call's arguments");
            }
            for (String argument : topLevel(arguments)) {
                if (!SIGNATURE_ARGUMENT.matcher(argument).matches()
                        || CONSTANT.matcher(argument).matches()) {
                    return Optional.of("a call with the argument " + argument);
                }
            }
            if (!arguments.isEmpty() && !arguments.equals("...")) {
                Matcher chained = CHAINED.matcher(span);
                if (chained.find()) {
                    return Optional.of("calls chained with arguments");
                }
            }
        }
        return Optional.empty();
    }

    /** The arguments of a list, split on the commas outside generic brackets; none for an empty list. */
    private static List<String> topLevel(String arguments) {
        List<String> parts = new ArrayList<>();
        if (arguments.isEmpty()) {
            return parts;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(arguments.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(arguments.substring(start).strip());
        return parts;
    }
}
