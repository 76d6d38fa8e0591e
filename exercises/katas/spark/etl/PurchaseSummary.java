package katas.spark.etl;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import katas.support.Fixtures;
import katas.support.LocalSpark;
import katas.support.NotImplementedYet;
import katas.support.ScratchFolder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Guide 3.3 ex.1, basic ETL: read JSON events, keep the purchases, total them per user, write Parquet.
 *
 * <pre>
 * {"userId": "u123", "eventType": "purchase", "timestamp": 1609459200000, "value": 250.0}
 * {"userId": "u123", "eventType": "click",    "timestamp": 1609459205000, "value": 0.0}
 * ...                                                   (fixtures/events.json)
 * </pre>
 *
 * Expected summary, largest total first:
 *
 * <pre>
 * +------+-----------+--------------+
 * |userId|total_spent|purchase_count|
 * +------+-----------+--------------+
 * |u123  |550.0      |2             |
 * |u456  |275.5      |2             |
 * |u789  |125.0      |1             |
 * +------+-----------+--------------+
 * </pre>
 */
public final class PurchaseSummary {

    private PurchaseSummary() {}

    /** Reads JSON-lines events and lets Spark infer the schema. */
    public static Dataset<Row> readEvents(SparkSession spark, String path) {
        throw new NotImplementedYet();
    }

    /**
     * Per user, over the {@code purchase} events only: {@code total_spent} (sum of {@code value}) and
     * {@code purchase_count}, ordered by {@code total_spent} descending.
     */
    public static Dataset<Row> summarize(Dataset<Row> events) {
        throw new NotImplementedYet();
    }

    /** Writes the summary as Parquet into the folder {@code path}, which must not exist yet. */
    public static void writeParquet(Dataset<Row> summary, String path) {
        throw new NotImplementedYet();
    }

    public static void main(String[] args) throws IOException {
        SparkSession spark = LocalSpark.session();
        Dataset<Row> events = readEvents(spark, Fixtures.path("events.json").toString());

        System.out.println("=== Schema ===");
        events.printSchema();
        System.out.println("=== Raw Data (first 5 rows) ===");
        events.show(5, false);

        Dataset<Row> summary = summarize(events);
        System.out.println("=== Aggregated Result ===");
        summary.show(false);

        try (ScratchFolder output = ScratchFolder.create("purchase-summary-")) {
            writeParquet(summary, output.resolve("purchase_summary").toString());
            long rows = spark.read()
                    .parquet(output.resolve("purchase_summary").toString())
                    .count();
            System.out.println("Parquet written and read back: " + rows + " rows (in a temporary folder, removed now)");
        }
    }
}
