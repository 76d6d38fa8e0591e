package katas.tool.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import katas.support.Catalogue;
import katas.tool.Kata;
import katas.tool.KataProblem;
import katas.tool.Project;
import katas.tool.Project.Track;
import katas.tool.Questions;
import katas.tool.source.ReadmeTable;
import katas.tool.source.Stubs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Scaffolds an exercise that starts red and consistent: the catalogue entry, a marked solution with one
 * block, its generated stub, a tagged test class, a variants file, a hints section and the README row.
 */
@Command(
        name = "new",
        mixinStandardHelpOptions = true,
        description = "Scaffolds a new exercise; then write its solution, tests and variants.")
public final class NewExerciseCommand implements Callable<Integer> {

    @ParentCommand
    DevCommand dev;

    @Parameters(paramLabel = "<id>", description = "the id, as in PLAN.md (lower case, words joined by -)")
    String id;

    @Option(
            names = "--class",
            required = true,
            paramLabel = "<name>",
            description = "the main class, e.g. katas.spark.lazyeval.LazyEvaluation")
    String className;

    @Option(names = "--engine", required = true, paramLabel = "<engine>", description = "spark, flink or both")
    String engine;

    @Option(
            names = "--title",
            required = true,
            paramLabel = "<text>",
            description = "what the exercise practises, in a few words")
    String title;

    @Option(
            names = "--guide",
            required = true,
            paramLabel = "<section>",
            description = "the guide's section, e.g. \"3.2\"")
    String guide;

    @Option(
            names = "--grade",
            defaultValue = "2",
            paramLabel = "<1-4>",
            description = "1 warm-up, 2 core, 3 interview, 4 senior (default: ${DEFAULT-VALUE})")
    int grade;

    @Option(
            names = "--minutes",
            defaultValue = "20",
            paramLabel = "<n>",
            description = "time budget (default: ${DEFAULT-VALUE})")
    int minutes;

    @Override
    public Integer call() throws IOException {
        Kata kata = dev.kata;
        Project project = kata.project();
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new KataProblem("an id is lower case words joined by '-': " + id);
        }
        if (kata.catalogue().find(id).isPresent()) {
            throw new KataProblem(id + " is in the catalogue already");
        }
        if (!className.matches("katas\\.[a-z0-9.]+\\.[A-Z]\\w*")) {
            throw new KataProblem("the class is katas.<engine>.<package>.<Name>: " + className);
        }
        String packageName = className.substring(0, className.lastIndexOf('.'));
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        String stub = className.replace('.', '/') + ".java";
        Path solution = project.track(Track.SOLUTIONS).resolve(stub);
        if (Files.exists(solution.getParent())) {
            throw new KataProblem(project.relative(solution.getParent()) + " exists already; nothing was changed");
        }
        String entry = """

                [[exercise]]
                id = "%s"
                title = "%s"
                engine = "%s"
                grade = %d
                minutes = %d
                guide = "%s"
                stub = "%s"
                test = "%sTest"
                """.formatted(id, title, engine, grade, minutes, guide, stub, className);
        Path catalogueFile = project.root().resolve(Catalogue.FILE_NAME);
        try {
            Catalogue.parse(List.of(entry.split("\n")), "the new entry"); // a bad engine or text fails before any write
        } catch (IllegalArgumentException badEntry) {
            throw new KataProblem(badEntry.getMessage() + "; nothing was changed");
        }
        Files.writeString(catalogueFile, entry, StandardOpenOption.APPEND);
        Catalogue.Exercise exercise = kata.exercise(id);

        write(solution, Templates.solution(packageName, simpleName, guide, title));
        write(project.variants(exercise), Templates.variants(id));
        write(project.tests().resolve(stub.replace(".java", "Test.java")), Templates.test(packageName, simpleName, id));
        Stubs.write(project, exercise);
        Files.writeString(project.hints(), Templates.hints(id), StandardOpenOption.APPEND);
        String questions = Files.readString(project.questions());
        int general = questions.indexOf("## " + Questions.GENERAL);
        Files.writeString(
                project.questions(),
                general < 0
                        ? questions + "\n" + Templates.questions(id)
                        : questions.substring(0, general) + Templates.questions(id) + questions.substring(general));
        Files.writeString(project.readme(), ReadmeTable.update(Files.readString(project.readme()), kata.catalogue()));

        kata.out().println("Scaffolded " + id + ". Next, as CONTRIBUTING.md says:");
        kata.out().println("  1. write the marked solution in " + project.relative(solution));
        kata.out()
                .println("  2. its tests in " + project.relative(project.testFolder(exercise)) + ", its variants in "
                        + project.relative(project.variants(exercise)));
        kata.out()
                .println(
                        "  3. ./kata dev stubs, then ./kata check " + id + " --solution and ./kata dev variants " + id);
        return 0;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardOpenOption.CREATE_NEW);
    }
}
