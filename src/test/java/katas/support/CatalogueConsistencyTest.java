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
import katas.testing.CompiledClasses;
import katas.testing.Lesson;
import katas.tool.Hints;
import katas.tool.Questions;
import katas.tool.source.ReadmeTable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
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
            assertThat(exercise.grade()).as(exercise.id()).isBetween(1, 4);
            assertThat(exercise.minutes()).as(exercise.id()).isPositive();
            assertThat(exercise.stub()).as(exercise.id()).endsWith(".java");
        });
    }

    @Test
    @DisplayName("every entry has a stub and a solution at the same path")
    void stubAndSolutionExist() {
        assertThat(CATALOGUE.exercises()).allSatisfy(exercise -> {
            assertThat(ROOT.resolve("exercises").resolve(exercise.stub()))
                    .as("stub of " + exercise.id())
                    .isRegularFile();
            assertThat(ROOT.resolve("solutions").resolve(exercise.stub()))
                    .as("solution of " + exercise.id())
                    .isRegularFile();
        });
    }

    @Test
    @DisplayName("exercises/ and solutions/ mirror each other, and every file belongs to an entry")
    void tracksMirrorAndBelongToEntries() throws IOException {
        Set<String> exercises = javaFiles(ROOT.resolve("exercises"));
        Set<String> solutions = javaFiles(ROOT.resolve("solutions"));

        assertThat(exercises).as("files in exercises/ vs solutions/").isEqualTo(solutions);
        assertThat(exercises)
                .allSatisfy(file -> assertThat(CATALOGUE.exercises())
                        .as("catalogue entry whose folder holds " + file)
                        .anyMatch(exercise -> file.startsWith(exercise.folder() + "/")));
    }

    @Test
    @DisplayName("every entry has its test class, tagged with its id, and every exercise tag is an entry")
    void testClassesTagged() {
        Map<String, String> tagByTestClass = new LinkedHashMap<>();
        for (JavaClass testClass : CompiledClasses.besides(getClass())) {
            if (testClass.isAnnotatedWith(Tag.class) && !testClass.isAnnotation()) {
                tagByTestClass.put(
                        testClass.getName(),
                        testClass.getAnnotationOfType(Tag.class).value());
            }
        }
        assertThat(CATALOGUE.exercises())
                .allSatisfy(exercise -> assertThat(tagByTestClass)
                        .as("test class of " + exercise.id())
                        .containsEntry(exercise.test(), exercise.id()));
        assertThat(tagByTestClass.values())
                .as("tags used by test classes: exercise ids, the gates', the claims' and the clusters'")
                .allMatch(tag -> CATALOGUE.find(tag).isPresent()
                        || Set.of("gate", "claim", "cluster").contains(tag));
    }

    @Test
    @DisplayName("every exercise test has an @Order (the order the learner meets the task), and some grade the lesson")
    void exerciseTestsOrdered() {
        for (JavaClass testClass : CompiledClasses.besides(getClass())) {
            if (CATALOGUE.exercises().stream()
                    .anyMatch(exercise -> exercise.test().equals(testClass.getName()))) {
                assertThat(testClass.getMethods())
                        .filteredOn(method -> method.isAnnotatedWith(Test.class))
                        .as("tests of %s", testClass.getSimpleName())
                        .isNotEmpty()
                        .allMatch(method -> method.isAnnotatedWith(Order.class), "has @Order")
                        .as("tests of %s that grade the lesson beyond the rows (@Lesson)", testClass.getSimpleName())
                        .anyMatch(method -> method.isAnnotatedWith(Lesson.class));
            }
        }
    }

    @Test
    @DisplayName("HINTS.md has one section per entry, in catalogue order, with three hints each")
    void hintsPerExercise() throws IOException {
        Map<String, List<String>> sections = Hints.read(ROOT.resolve("HINTS.md"));

        assertThat(new ArrayList<>(sections.keySet())).isEqualTo(CATALOGUE.ids());
        sections.forEach((id, hints) -> assertThat(hints)
                .as("hints of " + id + " (concept, API, sketch)")
                .hasSize(3));
    }

    @Test
    @DisplayName(
            "QUESTIONS.md has one section per entry, in catalogue order, then general; each with answered questions")
    void questionsPerExercise() {
        Map<String, List<Questions.Question>> sections = Questions.read(ROOT.resolve("QUESTIONS.md"));

        List<String> expected = new ArrayList<>(CATALOGUE.ids());
        expected.add(Questions.GENERAL);
        assertThat(new ArrayList<>(sections.keySet())).isEqualTo(expected);
        sections.forEach((id, questions) -> assertThat(questions)
                .as("questions of " + id)
                .isNotEmpty()
                .allSatisfy(question -> assertThat(List.of(question.text(), question.answer()))
                        .as("a question and its reference answer")
                        .allMatch(text -> text.length() > 20)));
    }

    @Test
    @DisplayName("the README's exercise table is the catalogue")
    void readmeTable() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));

        assertThat(ReadmeTable.in(readme))
                .as("the table between the catalogue markers of README.md")
                .isEqualTo(ReadmeTable.of(CATALOGUE));
    }

    @Test
    @DisplayName("ERRATA.md and fixtures/README.md name only exercises of the catalogue")
    void errataAndFixturesNameCatalogueIds() throws IOException {
        Matcher errataSections = Pattern.compile("(?m)^## (\\S+)").matcher(Files.readString(ROOT.resolve("ERRATA.md")));
        while (errataSections.find()) {
            assertThat(CATALOGUE.ids())
                    .as("ERRATA.md section '## %s'", errataSections.group(1))
                    .contains(errataSections.group(1));
        }
        for (String row : Files.readAllLines(ROOT.resolve("fixtures/README.md"))) {
            if (row.startsWith("| `")) {
                String usedBy = row.substring(row.lastIndexOf('|', row.length() - 2) + 1);
                Matcher ids = Pattern.compile("`([^`]+)`").matcher(usedBy);
                while (ids.find()) {
                    assertThat(CATALOGUE.ids())
                            .as("fixtures/README.md row %s", row)
                            .contains(ids.group(1));
                }
            }
        }
    }

    private static Set<String> javaFiles(Path track) throws IOException {
        try (Stream<Path> files = Files.walk(track)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .map(file -> track.relativize(file).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
