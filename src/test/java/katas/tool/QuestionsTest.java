package katas.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuestionsTest {

    private static final Map<String, List<Questions.Question>> BANK = Questions.parse(List.of(
            "# Follow-up questions",
            "",
            "## fraud-detection",
            "",
            "**Q.** State TTL or a timer?",
            "",
            "**A.** A timer follows event time",
            "and can emit.",
            "",
            "**Q.** A second one?",
            "",
            "**A.** Not asked in interviews.",
            "",
            "## general",
            "",
            "**Q.** How do you debug a slow Spark job?",
            "",
            "**A.** The Spark UI.",
            "",
            "**Q.** Why did Uber move from Spark to Flink?",
            "",
            "**A.** Freshness.",
            "",
            "**Q.** What is a watermark?",
            "",
            "**A.** Event-time progress."));

    @Test
    @DisplayName("a question is the Q paragraph, its answer the A paragraph after it, lines joined")
    void parse() {
        assertThat(BANK.get("fraud-detection"))
                .containsExactly(
                        new Questions.Question("State TTL or a timer?", "A timer follows event time and can emit."),
                        new Questions.Question("A second one?", "Not asked in interviews."));
    }

    @Test
    @DisplayName("an interview asks each exercise's first question, then general ones that fit its engines")
    void forInterview() {
        assertThat(Questions.forInterview(BANK, List.of("fraud-detection"), "flink", 3))
                .extracting(asked -> asked.question().text())
                .as("a Flink interview skips the question about Spark alone")
                .containsExactly(
                        "State TTL or a timer?", "Why did Uber move from Spark to Flink?", "What is a watermark?");
        assertThat(Questions.forInterview(BANK, List.of("fraud-detection"), "both", 2))
                .extracting(asked -> asked.question().text())
                .containsExactly("State TTL or a timer?", "How do you debug a slow Spark job?");
    }
}
