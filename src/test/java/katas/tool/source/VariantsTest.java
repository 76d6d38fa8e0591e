package katas.tool.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import katas.support.Catalogue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VariantsTest {

    private static final Catalogue.Exercise DEMO = new Catalogue.Exercise(
            "demo", "Demo", Catalogue.Engine.SPARK, 1, 10, "1", "katas/demo/Demo.java", "katas.demo.DemoTest", "");
    private static final Map<String, String> SOLUTION = Map.of(
            "katas/demo/Demo.java",
            "class Demo {\n    int a = 1;\n    int b = 2;\n}\n",
            "katas/demo/Other.java",
            "class Other {}\n");

    private static final String VARIANTS = """
            # Variants of demo

            ## wrong: b is off by one

            Prose for the reader.

            ```diff
                 int a = 1;
            -    int b = 2;
            +    int b = 3;
            ```

            ## right: another class

            ```diff Other.java
            -class Other {}
            +class Other { int c; }
            ```
            """;

    @Test
    @DisplayName("headings say wrong or right and what; diff blocks change the clean solution, in the named file")
    void parseAndApply() {
        List<Variants.Variant> variants = Variants.parse(VARIANTS, "demo", "variants.md");

        assertThat(variants)
                .extracting(Variants.Variant::label)
                .containsExactly("wrong: b is off by one", "right: another class");
        assertThat(variants.get(0).applyTo(SOLUTION, DEMO))
                .containsEntry("katas/demo/Demo.java", "class Demo {\n    int a = 1;\n    int b = 3;\n}\n");
        assertThat(variants.get(1).applyTo(SOLUTION, DEMO))
                .containsEntry("katas/demo/Other.java", "class Other { int c; }\n");
    }

    @Test
    @DisplayName("an edit whose lines are not in the solution, or are there twice, names the variant")
    void editThatDoesNotFit() {
        Variants.Variant missing = Variants.parse(
                        "## wrong: x\n```diff\n-    int z = 0;\n+    int z = 1;\n```\n", "demo", "v.md")
                .get(0);
        Variants.Variant twice = Variants.parse("## wrong: y\n```diff\n-}\n+};\n```\n", "demo", "v.md")
                .get(0);

        assertThatThrownBy(() -> missing.applyTo(SOLUTION, DEMO))
                .hasMessageStartingWith("demo variant \"wrong: x\": its lines are not in the solution");
        assertThatThrownBy(() -> twice.applyTo(Map.of("katas/demo/Demo.java", "}\n}\n"), DEMO))
                .hasMessageContaining("occur more than once");
    }

    @Test
    @DisplayName("a heading without wrong: or right:, a variant without a diff and an open block are reported")
    void malformed() {
        assertThatThrownBy(() -> Variants.parse("## maybe: x\n", "demo", "v.md"))
                .hasMessageContaining("v.md:1: a variant's heading");
        assertThatThrownBy(() -> Variants.parse("## wrong: x\n\n## right: y\n```diff\n-a\n```\n", "demo", "v.md"))
                .hasMessageContaining("variant \"x\" has no diff block");
        assertThatThrownBy(() -> Variants.parse("## wrong: x\n```diff\n-a\n", "demo", "v.md"))
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> Variants.parse("## wrong: x\n```diff\n*a\n```\n", "demo", "v.md"))
                .hasMessageContaining("starts with ' ', '-' or '+'");
    }
}
