package katas.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import katas.support.Catalogue;
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
    @DisplayName("the engines preloaded are those of the known ids selected")
    void enginesOfTheSelectedIds() {
        Catalogue catalogue = Catalogue.load();

        assertThat(ExerciseSelection.enginesOf(List.of("broadcast-join", "brodcast-join"), catalogue))
                .isEqualTo(Set.of("spark"));
        assertThat(ExerciseSelection.enginesOf(List.of("fraud-detection"), catalogue))
                .isEqualTo(Set.of("flink"));
        assertThat(ExerciseSelection.enginesOf(List.of("batch-stream-parity"), catalogue))
                .isEqualTo(Set.of("flink", "spark"));
        assertThat(ExerciseSelection.enginesOf(List.of(), catalogue)).isEmpty();
    }
}
