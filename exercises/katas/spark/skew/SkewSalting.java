package katas.spark.skew;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sequence;

import katas.support.Fixtures;
import katas.support.LocalSpark;
import katas.support.NotImplementedYet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Guide 3.3 ex.4 and part 7, data skew: 90 % of the transactions are from the US, so a join on
 * {@code country} sends 90 % of the rows to the one task that owns the key "US". Salting splits the hot
 * key: each transaction gets one of N salts, each country row is copied once per salt, and the join on
 * (country, salt) spreads the US rows over up to N tasks, giving the same rows as the plain join.
 *
 * <pre>
 * transactions.csv (skewed on country)          countries.csv
 * transactionId,userId,country,amount           country,region,continent
 * t1,u123,US,100.0                              US,North America,Americas
 * ... 90% of rows are "US"                      CA,North America,Americas
 * t100,u999,CA,50.0                             UK,Western Europe,Europe
 * </pre>
 */
public final class SkewSalting {

    /** How many salts the hot key is split into. */
    public static final int SALT_BUCKETS = 10;

    private SkewSalting() {}

    /** Reads the transactions with their header; {@code amount} as double, other columns as read. */
    public static Dataset<Row> readTransactions(SparkSession spark, String path) {
        throw new NotImplementedYet();
    }

    /** Reads countries.csv with its header. */
    public static Dataset<Row> readCountries(SparkSession spark, String path) {
        throw new NotImplementedYet();
    }

    /**
     * Joins each transaction to its country, with the join key salted into {@code buckets} parts. The
     * result has the transactions' columns then {@code region} and {@code continent}, and no salt.
     */
    public static Dataset<Row> saltedJoin(Dataset<Row> transactions, Dataset<Row> countries, int buckets) {
        throw new NotImplementedYet();
    }

    public static void main(String[] args) {
        SparkSession spark = LocalSpark.session();
        Dataset<Row> transactions = readTransactions(
                spark, Fixtures.path("country_transactions.csv").toString());
        Dataset<Row> countries =
                readCountries(spark, Fixtures.path("countries.csv").toString());

        Dataset<Row> result = saltedJoin(transactions, countries, SALT_BUCKETS);
        result.select("transactionId", "userId", "country", "region", "amount").show(10, false);
    }
}
