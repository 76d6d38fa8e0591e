package katas.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import katas.support.Catalogue;
import katas.tool.bench.Bench;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** CLAIMS.md, the ledger of the guide's claims: every row has a verdict and points at something that exists. */
class ClaimsLedgerTest {

    private static final Path ROOT = Catalogue.projectRoot();
    private static final Set<String> VERDICTS = Set.of("holds", "wrong", "depends", "advice", "unmeasured");
    private static final Pattern POINTER = Pattern.compile("`(claim|exercise|engine|bench):([^`]+)`");

    record Pointer(String kind, String target) {}

    record Row(int line, String guide, String claim, String verdict, String evidence) {
        String where() {
            return "CLAIMS.md:" + line + " (" + guide + ": " + claim + ")";
        }

        List<Pointer> pointers() {
            List<Pointer> found = new ArrayList<>();
            Matcher pointer = POINTER.matcher(evidence);
            while (pointer.find()) {
                found.add(new Pointer(pointer.group(1), pointer.group(2)));
            }
            return found;
        }
    }

    /** The rows of every table, without header and separator rows. */
    private static List<Row> rows() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("CLAIMS.md"));
        List<Row> rows = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("| guide |")) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
            assertThat(cells).as("CLAIMS.md:%d has four cells", index + 1).hasSize(4);
            rows.add(new Row(index + 1, cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip()));
        }
        return rows;
    }

    @Test
    @DisplayName("every row has a verdict, and every row but advice points at what shows it")
    void everyRowHasAVerdictAndEvidence() throws IOException {
        assertThat(rows()).hasSizeGreaterThan(50).allSatisfy(row -> {
            String verdict = row.verdict().split("[;:, ]", 2)[0];
            assertThat(VERDICTS).as(row.where()).contains(verdict);
            if (!verdict.equals("advice")) {
                assertThat(row.pointers())
                        .as(row.where() + " points at nothing")
                        .isNotEmpty();
            }
            assertThat(row.evidence().replaceAll(POINTER.pattern(), "").replace(",", ""))
                    .as(row.where() + ": only pointers in the last cell")
                    .isBlank();
        });
    }

    @Test
    @DisplayName("every pointer resolves: claim tests, exercise ids, engine classes and members")
    void everyPointerResolves() throws IOException {
        Set<String> ids = Set.copyOf(Catalogue.load().ids());
        for (Row row : rows()) {
            for (Pointer pointer : row.pointers()) {
                String target = pointer.target();
                switch (pointer.kind()) {
                    case "claim" ->
                        assertThat(claimTest(target))
                                .as(row.where() + ": " + target)
                                .isTrue();
                    case "exercise" -> assertThat(ids).as(row.where()).contains(target);
                    case "bench" -> {
                        assertThat(Bench.ids()).as(row.where()).contains(target);
                        assertThat(row.verdict()).as(row.where() + ": measured").doesNotStartWith("unmeasured");
                    }
                    case "engine" ->
                        assertThat(engineMember(target))
                                .as(row.where() + ": " + target)
                                .isTrue();
                    default -> throw new AssertionError(pointer);
                }
            }
        }
    }

    @Test
    @DisplayName("every lesson kata bench measures gives its verdict to a row")
    void everyBenchLessonHasARow() throws IOException {
        List<String> measured = rows().stream()
                .flatMap(row -> row.pointers().stream())
                .filter(pointer -> pointer.kind().equals("bench"))
                .map(Pointer::target)
                .toList();
        assertThat(measured).containsAll(Bench.ids());
    }

    @Test
    @DisplayName("the README links the ledger")
    void readmeLinksTheLedger() throws IOException {
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("(CLAIMS.md)");
    }

    /** {@code SparkClaimsTest.memoryFraction}: a test method of a class of this package tagged claim. */
    private static boolean claimTest(String target) {
        String[] parts = target.split("\\.");
        try {
            Class<?> type = Class.forName(ClaimsLedgerTest.class.getPackageName() + "." + parts[0]);
            Tag tag = type.getAnnotation(Tag.class);
            Method method = type.getDeclaredMethod(parts[1]);
            return parts.length == 2
                    && tag != null
                    && tag.value().equals("claim")
                    && method.isAnnotationPresent(Test.class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return false;
        }
    }

    /** {@code org.apache.….Class} or {@code …Class#member}: a class on the class path, with that field or method. */
    private static boolean engineMember(String target) {
        String[] parts = target.split("#", 2);
        try {
            Class<?> type = Class.forName(parts[0], false, ClaimsLedgerTest.class.getClassLoader());
            if (parts.length == 1) {
                return true;
            }
            return Stream.concat(Stream.of(type.getDeclaredFields()), Stream.of(type.getDeclaredMethods()))
                    .anyMatch(member -> member.getName().equals(parts[1]));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
