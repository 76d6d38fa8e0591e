package katas.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LocalSparkTest {

    @Test
    @DisplayName("the session runs on the master spark-submit set, else on local[2]")
    void honoursTheMasterSet() {
        Properties submitted = new Properties();
        submitted.setProperty("spark.master", "spark://127.0.0.1:7077");

        assertThat(LocalSpark.master(submitted)).isEqualTo("spark://127.0.0.1:7077");
        assertThat(LocalSpark.master(new Properties())).isEqualTo("local[2]");
    }
}
