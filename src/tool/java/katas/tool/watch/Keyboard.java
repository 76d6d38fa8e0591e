package katas.tool.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The watch loop's keys, read on a daemon thread: Enter asks for a re-run, {@code q} then Enter quits.
 * Standard input at its end (closed, {@code < /dev/null}, a finished pipe) only means no more keys: the
 * loop goes on re-running on saves until Ctrl-C.
 */
final class Keyboard {

    private Keyboard() {}

    static void listen(InputStream keys, Watcher watcher, AtomicBoolean quit) {
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines =
                            new BufferedReader(new InputStreamReader(keys, StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            if (line.strip().equalsIgnoreCase("q")) {
                                quit.set(true);
                                return;
                            }
                            watcher.requestRerun();
                        }
                    } catch (IOException unreadable) {
                        // no keys to read: saves still re-run
                    }
                },
                "kata-keys");
        reader.setDaemon(true);
        reader.start();
    }
}
