package katas.tool.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MarkedSolutionTest {

    private static final String SOLUTION = """
            package katas.spark.demo;

            import static org.apache.spark.sql.functions.broadcast;

            import katas.support.Fixtures;
            import org.apache.spark.sql.Dataset;

            public final class Demo {
                public static Dataset<?> join(Dataset<?> big, Dataset<?> small) {
                    // @kata:solution
                    return big.join(broadcast(small), "id");
                    // @kata:end
                }

                // @kata:solution
                static final class Helper {}
                // @kata:stub
                // Your helper goes here.
                // @kata:end
            }
            """;

    @Test
    @DisplayName(
            "a block becomes the stub signal at the marker's indent, with its import; a stub part is kept as it is")
    void stub() {
        String stub = MarkedSolution.of("Demo.java", SOLUTION).stub();

        assertThat(stub)
                .contains("        throw new NotImplementedYet();\n    }")
                .contains("    // Your helper goes here.\n}")
                .contains(
                        "import katas.support.Fixtures;\nimport katas.support.NotImplementedYet;\nimport org.apache.spark.sql.Dataset;")
                .contains("import static org.apache.spark.sql.functions.broadcast;")
                .doesNotContain("@kata", "big.join", "Helper");
    }

    @Test
    @DisplayName("the clean solution is the code without markers or stub parts")
    void clean() {
        String clean = MarkedSolution.of("Demo.java", SOLUTION).clean();

        assertThat(clean)
                .contains("        return big.join(broadcast(small), \"id\");\n    }", "static final class Helper {}")
                .doesNotContain("@kata", "Your helper goes here", "NotImplementedYet");
    }

    @Test
    @DisplayName(
            "the bare stub drops the stub parts' comments and the imports its code does not use: nothing points at the API")
    void bareStub() {
        String bare = MarkedSolution.of("Demo.java", SOLUTION).bareStub();

        assertThat(bare)
                .doesNotContain("functions.broadcast", "katas.support.Fixtures", "Your helper goes here")
                .contains(
                        "import katas.support.NotImplementedYet;",
                        "import org.apache.spark.sql.Dataset;",
                        "    // Your code here.\n}");
    }

    @Test
    @DisplayName("broken markers are reported with the file and line")
    void brokenMarkers() {
        assertThatThrownBy(() -> MarkedSolution.of("A.java", "package a;\n// @kata:solution\nint x;\n"))
                .hasMessage("A.java:2: block not closed with // @kata:end");
        assertThatThrownBy(() -> MarkedSolution.of("A.java", "package a;\n// @kata:end\n"))
                .hasMessage("A.java:2: // @kata:end without // @kata:solution");
        assertThatThrownBy(() -> MarkedSolution.of("A.java", "package a;\n// @kata:solution\n// @kata:solution\n"))
                .hasMessage("A.java:3: a block starts inside the block of line 2");
        assertThatThrownBy(() -> MarkedSolution.of("A.java", "package a;\n// @kata:stub\n"))
                .hasMessage("A.java:2: // @kata:stub outside a solution block");
        assertThatThrownBy(() -> MarkedSolution.of("A.java", "package a;\n// @kata:solutoin\n"))
                .hasMessageStartingWith("A.java:2: unknown marker // @kata:solutoin");
    }

    @Test
    @DisplayName("a file without blocks is its own stub")
    void noBlocks() {
        MarkedSolution plain = MarkedSolution.of("Record.java", "package a;\n\npublic record Point(int x) {}\n");

        assertThat(plain.hasBlocks()).isFalse();
        assertThat(plain.stub()).isEqualTo(plain.clean()).isEqualTo("package a;\n\npublic record Point(int x) {}\n");
    }
}
