package katas.tool.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import katas.support.Catalogue;
import katas.tool.Project;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobJarTest {

    @TempDir
    Path workspace;

    @Test
    @DisplayName(
            "a job jar holds the exercise's classes and the shared packages, no other exercise, and names its main")
    void jobJar() throws IOException {
        Catalogue.Exercise exercise = Catalogue.load().require("fraud-detection");
        Path classes = workspace.resolve("classes");
        Files.createDirectories(classes.resolve("katas/flink/fraud"));
        Files.write(classes.resolve("katas/flink/fraud/FraudDetector.class"), new byte[] {1, 2, 3});

        Path jar = JobJar.write(
                workspace.resolve("jobs/fraud-detection.jar"),
                exercise,
                List.of(classes),
                Project.here().sharedSources());

        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = Collections.list(file.entries()).stream()
                    .map(ZipEntry::getName)
                    .toList();
            assertThat(names)
                    .contains(
                            "katas/flink/fraud/FraudDetector.class",
                            "katas/support/Catalogue.class",
                            "katas/support/cluster/ClusterJob.class",
                            "katas/domain/Transaction.class")
                    .as("the shared classes only, never another exercise compiled beside them")
                    .noneMatch(name -> name.startsWith("katas/spark/") || name.startsWith("katas/tool/"));
            assertThat(file.getInputStream(file.getEntry("katas/flink/fraud/FraudDetector.class"))
                            .readAllBytes())
                    .containsExactly(1, 2, 3);
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("katas.flink.fraud.FraudDetector");
        }
    }
}
