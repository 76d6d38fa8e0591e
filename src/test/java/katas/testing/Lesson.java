package katas.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test that grades the exercise's lesson beyond its rows: the plan, the partitions, the state,
 * timers and watermarks, the checkpoints. A mock interview scores these tests on a line of their own.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Tag(Lesson.TAG)
public @interface Lesson {
    String TAG = "lesson";
}
