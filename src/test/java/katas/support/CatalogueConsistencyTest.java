package katas.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import katas.cli.Hints;
import katas.testing.CompiledClasses;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The catalogue is the single source of truth: everything else must agree with it, both ways. */
class CatalogueConsistencyTest {

    private static final Path ROOT = Catalogue.projectRoot();
    private static final Catalogue CATALOGUE = Catalogue.load();

    @Test
    @DisplayName("every entry is well formed and its id unique")
    void entriesWellFormed() {
        assertThat(CATALOGUE.exercises()).isNotEmpty();
        assertThat(CATALOGUE.ids()).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*"));
        assertThat(CATALOGUE.exercises()).allSatisfy(exercise -> {
            assertThat(exercise.engine()).as(exercise.id()).isIn("spark", "flink", "both");
            assertThat(exercise.grade()).as(exercise.id()).isBetween(1, 4);
            assertThat(exercise.minutes()).as(exercise.id()).isPositive();
            assertThat(exercise.stub()).as(exercise.id()).endsWith(".java");
        });
    }

    @Test
    @DisplayName("every entry has a stub and a solution at the same path")
    void stubAndSolutionExist() {
        assertThat(CATALOGUE.exercises()).allSatisfy(exercise -> {
            assertThat(ROOT.resolve("exercises").resolve(exercise.stub())).as("stub of " + exercise.id()).isRegularFile();
            assertThat(ROOT.resolve("solutions").resolve(exercise.stub())).as("solution of " + exercise.id()).isRegularFile();
        });
    }

    @Test
    @DisplayName("exercises/ and solutions/ mirror each other, and every file belongs to an entry")
    void tracksMirrorAndBelongToEntries() throws IOException {
        Set<String> exercises = javaFiles(ROOT.resolve("exercises"));
        Set<String> solutions = javaFiles(ROOT.resolve("solutions"));

        assertThat(exercises).as("files in exercises/ vs solutions/").isEqualTo(solutions);
        assertThat(exercises).allSatisfy(file -> assertThat(CATALOGUE.exercises())
                .as("catalogue entry whose folder holds " + file)
                .anyMatch(exercise -> file.startsWith(exercise.folder() + "/")));
    }

    @Test
    @DisplayName("every entry has its test class, tagged with its id, and every exercise tag is an entry")
    void testClassesTagged() {
        Map<String, String> tagByTestClass = new LinkedHashMap<>();
        for (JavaClass testClass : CompiledClasses.besides(getClass())) {
            if (testClass.isAnnotatedWith(Tag.class)) {
                tagByTestClass.put(testClass.getName(), testClass.getAnnotationOfType(Tag.class).value());
            }
        }
        assertThat(CATALOGUE.exercises()).allSatisfy(exercise ->
                assertThat(tagByTestClass).as("test class of " + exercise.id()).containsEntry(exercise.test(), exercise.id()));
        assertThat(tagByTestClass.values()).as("tags used by test classes").allMatch(tag -> CATALOGUE.find(tag).isPresent());
    }

    @Test
    @DisplayName("HINTS.md has one section per entry, in catalogue order, with three hints each")
    void hintsPerExercise() throws IOException {
        Map<String, List<String>> sections = Hints.read(ROOT.resolve("HINTS.md"));

        assertThat(new ArrayList<>(sections.keySet())).isEqualTo(CATALOGUE.ids());
        sections.forEach((id, hints) -> assertThat(hints).as("hints of " + id + " (concept, API, sketch)").hasSize(3));
    }

    @Test
    @DisplayName("the README's exercise table is the catalogue")
    void readmeTable() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher table = Pattern.compile("<!-- catalogue:start -->\n(.*?)<!-- catalogue:end -->", Pattern.DOTALL).matcher(readme);

        assertThat(table.find()).as("catalogue markers in README.md").isTrue();
        assertThat(table.group(1)).isEqualTo(readmeTable(CATALOGUE));
    }

    static String readmeTable(Catalogue catalogue) {
        StringBuilder table = new StringBuilder("| id | engine | grade | minutes | guide | exercise |\n|---|---|---|---|---|---|\n");
        for (Catalogue.Exercise e : catalogue.exercises()) {
            table.append("| `%s` | %s | %d | %d | %s | %s |\n".formatted(e.id(), e.engine(), e.grade(), e.minutes(), e.guide(), e.title()));
        }
        return table.toString();
    }

    private static Set<String> javaFiles(Path track) throws IOException {
        try (Stream<Path> files = Files.walk(track)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .map(file -> track.relativize(file).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
