package katas.gates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import katas.tool.Project;
import katas.tool.source.Giveaways;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The giveaway gate (issue 16): no bare stub of an interview names, in a comment, its Javadoc or an import,
 * the API or helper its answer uses that its signatures do not force. The bare stubs are rendered in-process
 * from the marked solutions, so the gate needs neither Spark nor Flink and runs with every {@code ./mvnw test}.
 */
class GiveawaysGateTest {

    @Test
    @DisplayName("no interview stub names in its comments, Javadoc or imports the API its answer uses")
    void noGiveaways() {
        List<String> hits = Giveaways.report(Project.here());

        assertThat(hits)
                .as(
                        "names of the answer in the bare stubs' comments (state the task, input and output instead; move"
                                + " the approach into a // @kata:stub part or HINTS.md):%n%s",
                        String.join("\n", hits))
                .isEmpty();
    }
}
