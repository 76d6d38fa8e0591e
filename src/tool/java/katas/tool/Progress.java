package katas.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the learner is, per exercise: a small tab-separated file under {@code .kata/}, easy to read and
 * to copy to another machine. Every change replaces the file atomically, so a killed process leaves
 * either the old or the new content.
 */
public final class Progress {

    /** One exercise's line. {@code total} 0 means never checked. */
    public record Entry(String id, int passed, int total, LocalDate lastRun, int hintsRevealed) {
        static Entry notStarted(String id) {
            return new Entry(id, 0, 0, null, 0);
        }

        public boolean started() {
            return total > 0;
        }

        public boolean solved() {
            return total > 0 && passed == total;
        }
    }

    private static final String HEADER =
            "# bigdata-katas progress: id, tests passed, tests run, date of the last check, hints revealed";

    private final Path file;
    private final Map<String, Entry> entries = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();

    private Progress(Path file) {
        this.file = file;
    }

    /** Reads the file; a damaged line is skipped with a warning, a missing file means no progress yet. */
    public static Progress load(Path file) {
        Progress progress = new Progress(file);
        if (!Files.exists(file)) {
            return progress;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            progress.warnings.add("cannot read " + file + " (" + e.getMessage() + "): starting from no progress");
            return progress;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                String[] fields = line.split("\t", -1);
                Entry entry = new Entry(
                        fields[0],
                        Integer.parseInt(fields[1]),
                        Integer.parseInt(fields[2]),
                        fields[3].isEmpty() ? null : LocalDate.parse(fields[3]),
                        Integer.parseInt(fields[4]));
                progress.entries.put(entry.id(), entry);
            } catch (RuntimeException damaged) {
                progress.warnings.add(file.getFileName() + ":" + (i + 1) + " is damaged and was skipped: " + line);
            }
        }
        return progress;
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public Entry of(String id) {
        return Optional.ofNullable(entries.get(id)).orElse(Entry.notStarted(id));
    }

    public void recordCheck(String id, int passed, int total, LocalDate date) {
        Entry previous = of(id);
        save(new Entry(id, passed, total, date, previous.hintsRevealed()));
    }

    /** Hints stay revealed: an interview, which counts its own from none, never lowers the count. */
    public void recordHints(String id, int revealed) {
        Entry previous = of(id);
        save(new Entry(
                id,
                previous.passed(),
                previous.total(),
                previous.lastRun(),
                Math.max(revealed, previous.hintsRevealed())));
    }

    /** Back to "not started", after a reset: the tests that passed ran against code that is gone. */
    public void forget(String id) {
        if (entries.remove(id) != null) {
            write();
        }
    }

    private void save(Entry entry) {
        entries.put(entry.id(), entry);
        write();
    }

    private void write() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Entry e : entries.values()) {
            text.append(String.join(
                            "\t",
                            e.id(),
                            Integer.toString(e.passed()),
                            Integer.toString(e.total()),
                            e.lastRun() == null ? "" : e.lastRun().toString(),
                            Integer.toString(e.hintsRevealed())))
                    .append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temporary, text);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save progress to " + file, e);
        }
    }
}
