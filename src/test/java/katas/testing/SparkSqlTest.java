package katas.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.spark.sql.RuntimeConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SparkSqlTest {

    private static final String SET_BEFORE = "spark.sql.shuffle.partitions";
    private static final String UNSET_BEFORE = "spark.sql.katas.unsetBefore";

    @Test
    @DisplayName("withSqlConf sets confs for the block and restores them, even when the block fails")
    void scopedConfs() {
        RuntimeConfig conf = SparkSql.session().conf();
        String before = conf.get(SET_BEFORE);

        assertThatThrownBy(() -> SparkSql.withSqlConf(Map.of(SET_BEFORE, "7", UNSET_BEFORE, "x"), () -> {
                    assertThat(conf.get(SET_BEFORE)).isEqualTo("7");
                    assertThat(conf.get(UNSET_BEFORE)).isEqualTo("x");
                    throw new IllegalStateException("the block fails");
                }))
                .hasMessage("the block fails");

        assertThat(conf.get(SET_BEFORE)).isEqualTo(before);
        assertThat(conf.getOption(UNSET_BEFORE).isDefined()).isFalse();
    }
}
