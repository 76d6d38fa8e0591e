package katas.gates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import katas.support.Catalogue;
import katas.support.NotImplementedYet;
import katas.tool.Project;
import katas.tool.source.Stubs;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The stubs-red gate ({@code ./mvnw verify -Pstubs-red}): after the whole suite ran against the untouched
 * stubs, every exercise test must have failed with {@link NotImplementedYet} — a stub that passes a
 * test, or fails it for another reason (a crash in test support, a wrong expectation), is a defect —
 * and every project test must have passed. Every committed stub must be what its marked solution
 * generates ({@code ./kata dev stubs} writes them).
 */
public final class StubsRedCheck {

    private StubsRedCheck() {}

    /** One {@code <testcase>} of a surefire report. */
    record TestCase(String className, String name, String outcome, String failureType, String message) {
        boolean passed() {
            return outcome.equals("passed");
        }
    }

    public static void main(String[] args) throws Exception {
        Path reports = Path.of(args.length > 0 ? args[0] : "target/exercises/surefire-reports");
        List<String> problems = new ArrayList<>(problems(Catalogue.load(), read(reports)));
        problems.addAll(Stubs.differences(Project.here()).stream()
                .map(d -> d + " (run: ./kata dev stubs)")
                .toList());
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "stubs-red: " + problems.size() + " problem(s)\n  " + String.join("\n  ", problems));
        }
        System.out.println(
                "[bigdata-katas] stubs-red: every exercise test fails with 'not implemented yet' against the stubs");
    }

    static List<String> problems(Catalogue catalogue, List<TestCase> cases) {
        List<String> problems = new ArrayList<>();
        for (Catalogue.Exercise exercise : catalogue.exercises()) {
            List<TestCase> ofExercise = cases.stream()
                    .filter(c -> c.className().equals(exercise.test()))
                    .toList();
            if (ofExercise.isEmpty()) {
                problems.add(exercise.id() + ": no test ran from " + exercise.test() + " (did the test JVM crash?)");
            }
            for (TestCase test : ofExercise) {
                if (test.passed()) {
                    problems.add(exercise.id() + ": \"" + test.name() + "\" passes against the untouched stub");
                } else if (!NotImplementedYet.class.getName().equals(test.failureType())) {
                    problems.add(exercise.id() + ": \"" + test.name() + "\" " + test.outcome()
                            + " for another reason than" + " the stub: " + test.failureType() + ": " + test.message());
                }
            }
        }
        cases.stream()
                .filter(c ->
                        catalogue.exercises().stream().noneMatch(e -> e.test().equals(c.className())))
                .filter(c -> !c.passed() && !c.outcome().equals("skipped"))
                .forEach(c -> problems.add("project test " + c.className() + " \"" + c.name() + "\" " + c.outcome()
                        + " on the exercises track: " + c.failureType() + ": " + c.message()));
        return problems;
    }

    static List<TestCase> read(Path reports) throws Exception {
        if (!Files.isDirectory(reports)) {
            throw new IllegalStateException("no surefire reports in " + reports + ": run ./mvnw verify -Pstubs-red");
        }
        List<TestCase> cases = new ArrayList<>();
        for (Path report : reportFiles(reports)) {
            NodeList testCases = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(report.toFile())
                    .getElementsByTagName("testcase");
            for (int i = 0; i < testCases.getLength(); i++) {
                cases.add(testCase((Element) testCases.item(i)));
            }
        }
        return cases;
    }

    private static TestCase testCase(Element element) {
        for (String outcome : List.of("failure", "error", "skipped")) {
            NodeList found = element.getElementsByTagName(outcome);
            if (found.getLength() > 0) {
                Element detail = (Element) found.item(0);
                String message = detail.getAttribute("message")
                        .strip()
                        .lines()
                        .findFirst()
                        .orElse("");
                return new TestCase(
                        element.getAttribute("classname"),
                        element.getAttribute("name"),
                        outcome.equals("skipped") ? "skipped" : outcome.equals("failure") ? "failed" : "errored",
                        detail.getAttribute("type"),
                        message);
            }
        }
        return new TestCase(element.getAttribute("classname"), element.getAttribute("name"), "passed", "", "");
    }

    private static List<Path> reportFiles(Path reports) throws IOException {
        try (Stream<Path> files = Files.list(reports)) {
            return files.filter(file -> file.getFileName().toString().matches("TEST-.*\\.xml"))
                    .sorted()
                    .toList();
        }
    }
}
