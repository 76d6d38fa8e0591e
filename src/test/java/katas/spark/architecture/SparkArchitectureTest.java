package katas.spark.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import katas.testing.Lesson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("spark-architecture")
class SparkArchitectureTest {

    @Test
    @Order(1)
    @Lesson
    @DisplayName("the behaviour asked for, in the learner's words")
    void answer() {
        assertThat(SparkArchitecture.answer()).as("what to check next, and the recipe if it helps").isEqualTo("the reference answer");
    }
}
