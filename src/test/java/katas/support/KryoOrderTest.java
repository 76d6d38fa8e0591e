package katas.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.Kryo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Spark's kryo-shaded 4 and Flink's kryo 5 put classes in the same package. Spark needs its own; Flink
 * runs with generic types off, so it never falls back to Kryo. Which jar wins is checked, not left to the
 * order of the pom's dependencies.
 */
class KryoOrderTest {

    @Test
    @DisplayName("com.esotericsoftware.kryo comes from Spark's kryo-shaded 4, not Flink's kryo 5")
    void sparksKryoWins() {
        String jar =
                Kryo.class.getProtectionDomain().getCodeSource().getLocation().getPath();

        assertThat(jar)
                .as("the jar Kryo is loaded from")
                .contains("kryo-shaded")
                .contains("/4.");
    }
}
