package katas.support;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Large inputs, every field a hash of the record's id and a fixed seed (as flink-training's generators
 * derive a ride from its id): the same rows whatever the partitioning, the order or the machine, and no
 * data file to ship.
 */
public final class Generators {

    /** The seed of every field; a field of its own per salt below. */
    public static final long SEED = 1_609_459_200_000L;

    private static final String[] CITIES = {"NYC", "LA", "Chicago", "Houston", "Phoenix", "Seattle", "Boston", "Miami"};
    private static final String[] COUNTRIES = {"US", "GB", "DE", "FR", "IN", "BR", "JP", "CA", "AU", "MX"};

    private Generators() {}

    /** A number in [0, bound) drawn from the id for one field (the salt tells fields apart). */
    private static Column draw(Column id, int salt, long bound) {
        return pmod(xxhash64(id, lit(SEED + salt)), lit(bound));
    }

    /**
     * {@code transactionId, userId, country, amount, timestamp}: users {@code u0}…, of which {@code u0}, the hot
     * key, makes {@code hotPercent} % of the rows, and country {@code US} as many (the rest spread evenly).
     */
    public static Dataset<Row> transactions(SparkSession spark, long rows, long users, int hotPercent) {
        Column id = col("id");
        Column hot = draw(id, 1, 100).lt(hotPercent);
        return spark.range(rows)
                .select(
                        concat(lit("t"), id.cast("string")).as("transactionId"),
                        concat(
                                        lit("u"),
                                        when(hot, lit(0L))
                                                .otherwise(draw(id, 2, users))
                                                .cast("string"))
                                .as("userId"),
                        when(hot, lit("US"))
                                .otherwise(element(COUNTRIES, draw(id, 3, COUNTRIES.length)))
                                .as("country"),
                        draw(id, 4, 50_000).divide(100.0).as("amount"),
                        lit(SEED).plus(id.multiply(1000)).as("timestamp"));
    }

    /** {@code userId, name, city}: one row per user of {@link #transactions}. */
    public static Dataset<Row> users(SparkSession spark, long users) {
        Column id = col("id");
        return spark.range(users)
                .select(
                        concat(lit("u"), id.cast("string")).as("userId"),
                        concat(lit("name-"), id.cast("string")).as("name"),
                        element(CITIES, draw(id, 5, CITIES.length)).as("city"));
    }

    /** {@code country, region}: the countries of {@link #transactions}. */
    public static Dataset<Row> countries(SparkSession spark) {
        return spark.range(COUNTRIES.length)
                .select(
                        element(COUNTRIES, col("id")).as("country"),
                        concat(lit("region-"), pmod(col("id"), lit(3)).cast("string"))
                                .as("region"));
    }

    private static Column element(String[] values, Column index) {
        Column[] literals = new Column[values.length];
        for (int i = 0; i < values.length; i++) {
            literals[i] = lit(values[i]);
        }
        return element_at(array(literals), index.cast("int").plus(1)); // element_at counts from 1
    }
}
