package katas.tool.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import katas.tool.Kata;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = "Checks the JDK, Maven, memory, disk, Spark's JDK flags and the Maven repository.")
public final class DoctorCommand implements Callable<Integer> {

    private record Check(boolean ok, String what, String fix) {}

    @ParentCommand
    Kata kata;

    @Override
    public Integer call() throws IOException {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(
                Runtime.version().feature() >= 17,
                "JDK " + Runtime.version(),
                "install JDK 17 or newer and put it first on PATH"));
        checks.add(new Check(
                ToolProvider.getSystemJavaCompiler() != null,
                "Java compiler available",
                "kata needs a JDK, not a JRE: set JAVA_HOME to a JDK"));
        checks.add(new Check(
                Files.isExecutable(kata.project().root().resolve("mvnw")) || onPath("mvn"),
                "Maven (./mvnw or mvn)",
                "restore ./mvnw from git, or install Maven 3.9+"));
        long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        checks.add(new Check(
                heapMb >= 1024,
                "max heap " + heapMb + " MB",
                "give kata at least 1 GB: KATA_JAVA_OPTS=-Xmx2g ./kata ..."));
        long freeMb = Files.getFileStore(kata.project().root()).getUsableSpace() / (1024 * 1024);
        checks.add(new Check(
                freeMb >= 1024,
                freeMb + " MB free on the project's disk",
                "free at least 1 GB (Spark and Flink write temp files)"));
        boolean opened = Object.class.getModule().isOpen("sun.nio.ch", DoctorCommand.class.getModule());
        checks.add(new Check(
                opened, "Spark's --add-opens flags in effect", "start kata through ./kata, which passes them"));
        Path flags = kata.project().work().resolve("jvm-flags.txt");
        checks.add(new Check(
                !Files.exists(flags) || Files.readString(flags).chars().noneMatch(c -> c < ' ' && c != '\n'),
                "JVM flags file " + kata.project().relative(flags) + " is plain text",
                "delete it; ./kata writes it again"));
        Path repository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        checks.add(new Check(
                Files.isDirectory(repository) && Files.isReadable(repository),
                "Maven repository " + repository,
                "run ./kata once with network access, or ./mvnw test-compile, to fill it"));
        boolean healthy = true;
        for (Check check : checks) {
            healthy &= check.ok();
            kata.out()
                    .println(kata.colour(
                            check.ok()
                                    ? "@|green ok|@   " + check.what()
                                    : "@|red fix|@  " + check.what() + ": " + check.fix()));
        }
        return healthy ? 0 : 1;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null
                && Stream.of(path.split(File.pathSeparator))
                        .anyMatch(folder -> Files.isExecutable(Path.of(folder, program)));
    }
}
