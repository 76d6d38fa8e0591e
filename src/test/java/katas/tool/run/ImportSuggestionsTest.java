package katas.tool.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.stream.Stream;
import katas.support.Catalogue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImportSuggestionsTest {

    private final ImportSuggestions suggestions = new ImportSuggestions(
            Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                    .map(Path::of)
                    .toList());

    @Test
    @DisplayName("a class javac cannot find gets the imports that resolve it, the engines' and the JDK's first")
    void missingClasses() {
        assertThat(suggestions.forMessage(
                        "cannot find symbol\n  symbol:   class EventTimeSessionWindows\n  location: class ClickSessions",
                        Catalogue.Engine.FLINK))
                .containsExactly("import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;");
        assertThat(suggestions.forMessage(
                        "cannot find symbol\n  symbol:   variable Duration\n  location: class X",
                        Catalogue.Engine.FLINK))
                .as("a class used as Duration.ofMinutes(30)")
                .first()
                .isEqualTo("import java.time.Duration;");
        assertThat(suggestions.forMessage(
                        "cannot find symbol\n  symbol:   variable total\n  location: class X", Catalogue.Engine.FLINK))
                .isEmpty();
        assertThat(suggestions.imports("Window", Catalogue.Engine.SPARK))
                .first()
                .isEqualTo("import org.apache.spark.sql.expressions.Window;");
        assertThat(suggestions.imports("Dataset", Catalogue.Engine.SPARK))
                .first()
                .isEqualTo("import org.apache.spark.sql.Dataset;");
        assertThat(suggestions.imports("ArrayList", Catalogue.Engine.SPARK))
                .first()
                .isEqualTo("import java.util.ArrayList;");
        assertThat(suggestions.imports("NoSuchClassAnywhere", Catalogue.Engine.FLINK))
                .isEmpty();
        assertThat(suggestions.forMessage("cannot find symbol\n  symbol:   method count()", Catalogue.Engine.SPARK))
                .isEmpty();
    }
}
