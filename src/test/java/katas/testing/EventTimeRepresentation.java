package katas.testing;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.assertj.core.presentation.Representation;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Failure messages show event times as the tests and the learner write them: a record's time component
 * ({@code timestamp}, {@code start}, {@code windowEnd}...) holding epoch millis reads
 * {@code start=10:00 (1765188000000)}, in UTC as the fixtures are. Set before every test class through
 * JUnit's extension auto-detection (AssertJ's own service-loaded configuration prints itself on stdout).
 */
public final class EventTimeRepresentation implements BeforeAllCallback {

    private static final Pattern TIME_NAME = Pattern.compile("(?i).*(time|start|end).*");
    /** Epoch millis of 2000-01-01 and 2100-01-01: a long outside them is a count, not a time. */
    private static final long EARLIEST = 946_684_800_000L;

    private static final long LATEST = 4_102_444_800_000L;

    private static final Representation TIMES = new StandardRepresentation() {
        @Override
        protected String fallbackToStringOf(Object object) {
            return object instanceof Record record ? ofRecord(record) : super.fallbackToStringOf(object);
        }
    };

    @Override
    public void beforeAll(ExtensionContext context) {
        Assertions.useRepresentation(TIMES);
    }

    /** {@code Name[component=value, ...]} as a record prints itself, with its times readable. */
    static String ofRecord(Record record) {
        StringBuilder text = new StringBuilder(record.getClass().getSimpleName()).append('[');
        RecordComponent[] components = record.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            Object value;
            try {
                component.getAccessor().setAccessible(true);
                value = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return record.toString();
            }
            text.append(i == 0 ? "" : ", ").append(component.getName()).append('=');
            text.append(
                    value instanceof Long millis
                                    && TIME_NAME.matcher(component.getName()).matches()
                            ? time(millis)
                            : String.valueOf(value));
        }
        return text.append(']').toString();
    }

    /** {@code 10:00}, {@code 10:30:05} or {@code 10:30:00.001}, and the millis beside it; a non-time as it is. */
    public static String time(long millis) {
        if (millis < EARLIEST || millis >= LATEST) {
            return Long.toString(millis);
        }
        LocalTime time = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalTime();
        String pattern = time.getNano() != 0 ? "HH:mm:ss.SSS" : time.getSecond() != 0 ? "HH:mm:ss" : "HH:mm";
        return DateTimeFormatter.ofPattern(pattern).format(time) + " (" + millis + ")";
    }
}
