package katas.tool.command;

/** The files a new exercise starts from: consistent, red on the stub, green on the solution. */
final class Templates {

    private Templates() {}

    static String solution(String packageName, String simpleName, String guide, String title) {
        return """
                package %1$s;

                /**
                 * Guide %3$s: %4$s.
                 *
                 * <p>The task as an interviewer would state it, the guide's input and the output the engine gives.
                 */
                public final class %2$s {

                    private %2$s() {}

                    /** What the learner writes, in one sentence. */
                    public static String answer() {
                        // @kata:solution
                        return "the reference answer";
                        // @kata:end
                    }

                    public static void main(String[] args) {
                        System.out.println(answer());
                    }
                }
                """.formatted(packageName, simpleName, guide, title);
    }

    static String test(String packageName, String simpleName, String id) {
        return """
                package %1$s;

                import static org.assertj.core.api.Assertions.assertThat;

                import katas.testing.Lesson;
                import org.junit.jupiter.api.DisplayName;
                import org.junit.jupiter.api.Order;
                import org.junit.jupiter.api.Tag;
                import org.junit.jupiter.api.Test;

                @Tag("%3$s")
                class %2$sTest {

                    @Test
                    @Order(1)
                    @Lesson
                    @DisplayName("the behaviour asked for, in the learner's words")
                    void answer() {
                        assertThat(%2$s.answer()).as("what to check next, and the recipe if it helps").isEqualTo("the reference answer");
                    }
                }
                """.formatted(packageName, simpleName, id);
    }

    static String variants(String id) {
        return """
                # Variants of %s

                Other answers, as changes to the reference solution. `./kata dev variants %1$s` runs the tests against
                each: a wrong one must fail a test, a right one must pass them all.

                ## wrong: the classic mistake an interviewer watches for, in one line

                ```diff
                -        return "the reference answer";
                +        return "a wrong answer";
                ```

                ## right: another design an interviewer would accept, in one line

                ```diff
                -        return "the reference answer";
                +        return "the reference " + "answer";
                ```
                """.formatted(id);
    }

    /** The exercise's section of QUESTIONS.md, which goes before the general questions. */
    static String questions(String id) {
        return """
                ## %s

                **Q.** The question an interviewer asks once the code works: why this design, and not the other one?

                **A.** The reference answer, in a few sentences, with what the engine does.

                """.formatted(id);
    }

    static String hints(String id) {
        return """

                ## %s

                1. **Concept.** The idea behind the exercise, without the API.
                2. **API.** The calls that do it.
                3. **Sketch.** The shape of the solution, with the details left out.
                """.formatted(id);
    }
}
