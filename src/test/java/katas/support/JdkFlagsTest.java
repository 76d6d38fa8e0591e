package katas.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JdkFlagsTest {

    @Test
    @DisplayName("the test JVM gets every JDK flag Spark's own launcher passes on Java 17")
    void sparkFlagsPresent() {
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments())
                .as("surefire argLine (spark.jvm.flags in pom.xml) vs JavaModuleOptions")
                .containsAll(
                        Arrays.asList(JavaModuleOptions.defaultModuleOptions().split(" ")));
        LocalSpark.requireJdkFlags();
    }

    @Test
    @DisplayName("a JVM without them gets one clear message listing the flags, not an error deep in Spark")
    void missingFlagsExplained() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Dkata.root=" + Catalogue.projectRoot(),
                        "katas.support.ExerciseLauncher",
                        "etl-purchase-summary")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isNotZero();
        assertThat(output)
                .contains("Spark needs JDK flags on Java")
                .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
    }
}
