package katas.tool.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Waits for the files of one exercise to change. File-system events wake it early; a fingerprint of every
 * file (path, size, modification time) compared at each wake-up, at least every poll interval, is what
 * decides, so that editors that save by writing a new file and renaming it, and file systems without
 * events, are both seen.
 */
public final class Watcher implements AutoCloseable {

    private static final Duration SETTLE_PAUSE = Duration.ofMillis(40);
    private static final int SETTLE_LOOKS = 50;

    private final List<Path> folders;
    private final Duration pollInterval;
    private final WatchService events;
    private final AtomicBoolean rerunRequested = new AtomicBoolean();
    private String fingerprint;

    public Watcher(List<Path> folders, Duration pollInterval) {
        this.folders = List.copyOf(folders);
        this.pollInterval = pollInterval;
        this.events = newWatchService(folders);
        this.fingerprint = fingerprint();
    }

    /** Asks the next {@link #awaitChange} to return at once, as if a file had changed (the re-run key). */
    public void requestRerun() {
        rerunRequested.set(true);
    }

    /** Whether a file changed or a re-run was asked for since the last {@link #awaitChange}; neither waits nor consumes it. */
    public boolean changePending() {
        return rerunRequested.get() || !fingerprint().equals(fingerprint);
    }

    /**
     * Blocks until a file changes, a re-run is requested or {@code stop} is set; returns whether to run
     * again.
     */
    public boolean awaitChange(AtomicBoolean stop, Consumer<String> log) throws InterruptedException {
        while (!stop.get()) {
            if (rerunRequested.getAndSet(false)) {
                return true;
            }
            WatchKey key = events == null ? null : events.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            if (events == null) {
                Thread.sleep(pollInterval.toMillis());
            }
            if (key != null) {
                key.pollEvents();
                key.reset();
            }
            String now = fingerprint();
            if (!now.equals(fingerprint)) {
                fingerprint = settled(now);
                log.accept("change seen, running again");
                return true;
            }
        }
        return false;
    }

    /** Waits until a save is complete: a copy or a slow editor changes the files over several moments. */
    private String settled(String changed) throws InterruptedException {
        String previous = changed;
        for (int look = 0; look < SETTLE_LOOKS; look++) {
            Thread.sleep(SETTLE_PAUSE.toMillis());
            String now = fingerprint();
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private String fingerprint() {
        StringBuilder state = new StringBuilder();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    state.append(file)
                            .append(':')
                            .append(Files.size(file))
                            .append(':')
                            .append(Files.getLastModifiedTime(file).toMillis())
                            .append('\n');
                }
            } catch (IOException e) {
                // a file replaced while we looked: the next look sees the new state
                state.append(folder).append(":unreadable\n");
            }
        }
        return state.toString();
    }

    private static WatchService newWatchService(List<Path> folders) {
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            for (Path folder : folders) {
                if (Files.isDirectory(folder)) {
                    folder.register(
                            service,
                            StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                }
            }
            return service;
        } catch (IOException | UnsupportedOperationException noEvents) {
            return null; // polling alone
        }
    }

    @Override
    public void close() {
        if (events != null) {
            try {
                events.close();
            } catch (IOException | ClosedWatchServiceException e) {
                throw new UncheckedIOException(e instanceof IOException io ? io : new IOException(e));
            }
        }
    }
}
