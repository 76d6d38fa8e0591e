package katas.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import scala.Console;
import scala.runtime.BoxedUnit;

/** Captures what a block prints: Java's {@code System.out} and Scala's {@code Console.out} (where Spark's show() writes). */
public final class Output {

    private Output() {}

    public static String capture(ThrowingRunnable body) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        PrintStream original = System.out;
        Exception[] failure = new Exception[1];
        System.setOut(capture);
        try {
            Console.withOut(capture, () -> {
                try {
                    body.run();
                } catch (Exception e) {
                    failure[0] = e;
                }
                return BoxedUnit.UNIT;
            });
        } finally {
            System.setOut(original);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
