package katas.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    private static final List<String> ONE_ENTRY = List.of(
            "# comment",
            "[[exercise]]",
            "id = \"broadcast-join\"",
            "title = \"Broadcast join\"",
            "engine = \"spark\"",
            "grade = 2",
            "minutes = 20  # budget",
            "guide = \"3.3 ex.2\"",
            "stub = \"katas/spark/broadcastjoin/BroadcastJoin.java\"",
            "test = \"katas.spark.broadcastjoin.BroadcastJoinTest\"");

    @Test
    @DisplayName("parses tables of strings and numbers")
    void parses() {
        Catalogue.Exercise exercise = Catalogue.parse(ONE_ENTRY, "t.toml").require("broadcast-join");

        assertThat(exercise.grade()).isEqualTo(2);
        assertThat(exercise.minutes()).isEqualTo(20);
        assertThat(exercise.stubClassName()).isEqualTo("katas.spark.broadcastjoin.BroadcastJoin");
        assertThat(exercise.folder()).isEqualTo("katas/spark/broadcastjoin");
    }

    @Test
    @DisplayName("rejects unknown keys, missing keys, wrong types and malformed lines with the line number")
    void rejectsMalformed() {
        assertThatThrownBy(() -> Catalogue.parse(List.of("[[exercise]]", "colour = \"red\""), "t.toml"))
                .hasMessageContaining("t.toml:2")
                .hasMessageContaining("unknown key 'colour'");
        assertThatThrownBy(() -> Catalogue.parse(List.of("[[exercise]]", "id = \"x\""), "t.toml"))
                .hasMessageContaining("t.toml:1")
                .hasMessageContaining("lacks 'title'");
        assertThatThrownBy(() -> Catalogue.parse(List.of("[[exercise]]", "id: x"), "t.toml"))
                .hasMessageContaining("t.toml:2");
        assertThatThrownBy(() -> Catalogue.parse(List.of("[[exercise]]", "id = \"x\"", "id = \"y\""), "t.toml"))
                .hasMessageContaining("t.toml:3")
                .hasMessageContaining("not valid TOML");
        List<String> gradeAsText = ONE_ENTRY.stream()
                .map(line -> line.equals("grade = 2") ? "grade = \"2\"" : line)
                .toList();
        assertThatThrownBy(() -> Catalogue.parse(gradeAsText, "t.toml"))
                .hasMessageContaining("t.toml:6")
                .hasMessageContaining("'grade' must be a whole number");
        assertThatThrownBy(() -> Catalogue.parse(List.of("[exercise]", "id = \"x\""), "t.toml"))
                .hasMessageContaining("t.toml:1")
                .hasMessageContaining("an [[exercise]] table");
        assertThatThrownBy(() -> Catalogue.parse(List.of("id = \"x\""), "t.toml"))
                .as("a key before any [[exercise]]")
                .hasMessageContaining("t.toml:1");
    }

    @Test
    @DisplayName("finds the project without Jackson: mains on a Flink cluster find their fixtures through it")
    void projectRootWithoutJackson() throws Exception {
        URL projectClasses =
                Catalogue.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader withoutJackson =
                new URLClassLoader(new URL[] {projectClasses}, ClassLoader.getPlatformClassLoader())) {
            Class<?> catalogue = Class.forName(Catalogue.class.getName(), true, withoutJackson);

            assertThat(catalogue.getMethod("projectRoot").invoke(null)).isEqualTo(Catalogue.projectRoot());
        }
    }

    @Test
    @DisplayName("an unknown id names the closest ids")
    void closestIds() {
        Catalogue catalogue = Catalogue.load();

        assertThat(catalogue.closestIds("brodcast-join")).containsExactly("broadcast-join");
        assertThat(catalogue.closestIds("fraud")).containsExactly("fraud-detection");
        assertThat(catalogue.unknownIdMessage("brodcast-join")).contains("did you mean broadcast-join?");
        assertThat(catalogue.unknownIdMessage("xyzzy")).contains("the ids are:").contains("fraud-detection");
        assertThatThrownBy(() -> catalogue.require("brodcast-join")).hasMessageContaining("broadcast-join");
    }

    @Test
    @DisplayName("a class in an exercise's package belongs to that exercise")
    void findByClass() {
        Catalogue catalogue = Catalogue.load();

        assertThat(catalogue.findByClass("katas.flink.eventtime.ClickWindows$CountClicks"))
                .map(Catalogue.Exercise::id)
                .hasValue("event-time-windows");
        assertThat(catalogue.findByClass("katas.support.Fixtures")).isEmpty();
    }
}
