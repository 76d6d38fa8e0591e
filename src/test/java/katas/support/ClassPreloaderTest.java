package katas.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassPreloaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"spark", "flink"})
    @DisplayName(
            "an engine's list names classes of this class path: re-record it (bench/preload-lists.sh) when it does not")
    void listLoadsOnThisClassPath(String engine) {
        List<String> classes = ClassPreloader.classesOf(engine);

        assertThat(classes).as("classes listed for %s", engine).hasSizeGreaterThan(5_000);
        assertThat(ClassPreloader.load(classes))
                .as("classes of the %s list that load; the rest are gone since it was recorded", engine)
                .isGreaterThanOrEqualTo(classes.size() * 99 / 100);
    }

    @Test
    @DisplayName("a class that is not on the class path is skipped, the others load")
    void absentClassSkipped() {
        assertThat(ClassPreloader.load(List.of("no.such.Clazz", "java.util.zip.GZIPInputStream")))
                .isEqualTo(1);
        assertThat(ClassPreloader.classesOf("no-such-engine")).isEmpty();
    }

    @Test
    @DisplayName("an exercise preloads the lists of the engines it uses")
    void listsOfAnEngine() {
        assertThat(ClassPreloader.listsFor(Catalogue.Engine.SPARK)).containsExactly("spark");
        assertThat(ClassPreloader.listsFor(Catalogue.Engine.FLINK)).containsExactly("flink");
        assertThat(ClassPreloader.listsFor(Catalogue.Engine.BOTH)).containsExactly("spark", "flink");
    }
}
