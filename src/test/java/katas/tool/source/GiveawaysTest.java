package katas.tool.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GiveawaysTest {

    private static List<Giveaways.Hit> hits(String javadoc) {
        String solution = """
                package katas.flink.demo;

                import org.apache.flink.streaming.api.datastream.DataStream;
                import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;

                %s
                public final class Sessions {
                    /** The sessions of each user, read from a file of clicks.csv. */
                    public static DataStream<String> sessions(DataStream<String> clicks) {
                        // @kata:solution
                        return clicks.keyBy(click -> click).window(EventTimeSessionWindows.withGap(GAP)).reduce(Helper::pick);
                        // @kata:stub
                        // Key by user, then window(EventTimeSessionWindows.withGap(GAP)).
                        // @kata:end
                    }
                }
                """.formatted(javadoc);
        return Giveaways.find(List.of(MarkedSolution.of("solutions/Sessions.java", solution)), Set.of());
    }

    @Test
    @DisplayName("a Javadoc that names the answer's API as code is flagged, with the file, line and name")
    void giveawayFlagged() {
        assertThat(
                        hits(
                                "/** Sessions closed by {@link EventTimeSessionWindows}: call {@code withGap}, then reduce(). */"))
                .extracting(Giveaways.Hit::toString)
                .containsExactly(
                        "solutions/Sessions.java:6: names EventTimeSessionWindows",
                        "solutions/Sessions.java:6: names withGap",
                        "solutions/Sessions.java:6: names reduce");
    }

    @Test
    @DisplayName("a Javadoc that states the task passes, and the stub part's comment does not count: it is replaced")
    void taskOnlyPasses() {
        assertThat(hits("/** Per user, the sessions of clicks at most GAP apart, as strings. */"))
                .isEmpty();
    }

    @Test
    @DisplayName("a name in plain English prose, a file name or the code's own types do not trip the gate")
    void proseDoesNotTrip() {
        assertThat(hits("/** Each window of a user is reduced to one session; the DataStream of clicks.csv, keyed. */"))
                .isEmpty();
    }

    @Test
    @DisplayName("the names of the input and output records and the common words are no giveaways")
    void vocabularyAndCommonWords() {
        String solution = """
                package a;

                /** The {@code timestamp()} of each click, as {@code String}. */
                public final class A {
                    static String f(Object click) {
                        // @kata:solution
                        return String.valueOf(((katas.domain.Click) click).timestamp());
                        // @kata:end
                    }
                }
                """;
        MarkedSolution file = MarkedSolution.of("A.java", solution);

        assertThat(Giveaways.find(List.of(file), Set.of()))
                .extracting(Giveaways.Hit::identifier)
                .containsExactly("timestamp");
        assertThat(Giveaways.find(List.of(file), Set.of("timestamp"))).isEmpty();
    }

    @Test
    @DisplayName("comments and literals are told apart from code: a name in a string is no use of it")
    void javaText() {
        Giveaways.JavaText text = Giveaways.JavaText.of("a(\"b // c\"); /* d */ e('\\''); // f\n\"\"\"\ng\"\"\"");

        assertThat(text.code()).contains("a(", "e(").doesNotContain("b", "c", "d", "f", "g");
        assertThat(text.comments().strip()).startsWith("/* d */").endsWith("// f");
    }
}
