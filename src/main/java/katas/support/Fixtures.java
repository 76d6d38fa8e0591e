package katas.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import katas.domain.Click;
import katas.domain.Transaction;

/** The guide's input data, kept in {@code fixtures/} exactly as the guide prints it. */
public final class Fixtures {

    private Fixtures() {}

    /** The path of a fixture file, for engines that read files themselves. */
    public static Path path(String name) {
        Path file = Catalogue.projectRoot().resolve("fixtures").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("fixture " + name + " not found at " + file);
        }
        return file;
    }

    /** The six clicks of guide 4.3 ex.1, in the order the guide lists them (the last one is late). */
    public static List<Click> clicks() {
        return csvRows("clicks.csv", fields -> new Click(fields[0], fields[1], Long.parseLong(fields[2])));
    }

    /** The four transactions of guide 4.3 ex.2, in stream order. */
    public static List<Transaction> transactionStream() {
        return csvRows(
                "transaction_stream.csv",
                fields -> new Transaction(fields[0], Double.parseDouble(fields[1]), Long.parseLong(fields[2])));
    }

    private static <T> List<T> csvRows(String name, Function<String[], T> toRecord) {
        try {
            return Files.readAllLines(path(name)).stream()
                    .skip(1)
                    .filter(line -> !line.isBlank())
                    .map(line -> toRecord.apply(line.split(",", -1)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + name, e);
        }
    }
}
