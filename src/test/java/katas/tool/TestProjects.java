package katas.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import katas.support.Catalogue;
import katas.tool.source.Stubs;

/**
 * Copies of this project for the tool's tests: the catalogue, hints, README, fixtures and reference, the
 * tests of the named exercises, and every stub generated afresh, never the learner's exercises/ (which
 * may be solved, or half-way).
 */
public final class TestProjects {

    private TestProjects() {}

    public static Project copy(Path workspace, String... testFolders) {
        Path original = Catalogue.projectRoot();
        try {
            for (String path :
                    new String[] {Catalogue.FILE_NAME, "HINTS.md", "QUESTIONS.md", "README.md", "fixtures", "solutions"
                    }) {
                FileTrees.copy(original.resolve(path), workspace.resolve(path));
            }
            for (String folder : testFolders) {
                FileTrees.copy(
                        original.resolve(Project.TESTS).resolve(folder),
                        workspace.resolve(Project.TESTS).resolve(folder));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Project project = new Project(workspace);
        project.catalogue().exercises().forEach(exercise -> Stubs.write(project, exercise));
        return project;
    }

    /** The reference of one file, as the learner would type it: without markers. */
    public static String cleanSolution(Project project, String exerciseId, String file) {
        return Stubs.cleanSolution(project, project.catalogue().require(exerciseId))
                .get(file);
    }
}
