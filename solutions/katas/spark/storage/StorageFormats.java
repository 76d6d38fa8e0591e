package katas.spark.storage;

import static org.apache.spark.sql.functions.col;

import katas.support.Fixtures;
import katas.support.LocalSpark;
import katas.support.ScratchFolder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Guide 1.5, storage formats: the same filter and projection read from Parquet, CSV and JSON, and what
 * each reader does with them.
 *
 * <pre>
 * events (guide 3.3 ex.1): userId, eventType, timestamp, value
 * wanted: userId and value of the purchases over 100.0
 * </pre>
 *
 * Spark gives a file reader the filters written on columns ("pushed filters") and the columns the query
 * needs (the read schema). A Parquet file keeps, for every row group, the minimum and maximum of each
 * column: a row group whose range the filter excludes is never read. That works when each row group
 * holds a narrow range of the filtered column, as when the data is sorted by it before writing.
 */
public final class StorageFormats {

    /** The events' schema, given to every reader (inferring it would read the files first). */
    public static final StructType EVENTS = new StructType()
            .add("userId", DataTypes.StringType)
            .add("eventType", DataTypes.StringType)
            .add("timestamp", DataTypes.LongType)
            .add("value", DataTypes.DoubleType);

    private StorageFormats() {}

    /** Part 1: userId and value of the purchases over {@code minimum}, with a filter a reader can be given. */
    public static Dataset<Row> purchasesOver(Dataset<Row> events, double minimum) {
        // @kata:solution
        return events.filter(
                        col("eventType").equalTo("purchase").and(col("value").gt(minimum)))
                .select("userId", "value");
        // @kata:end
    }

    /**
     * Part 2: writes the events as Parquet into {@code path} so that a filter on {@code value} can skip row
     * groups: each row group (about {@code rowGroupBytes} bytes) holds a narrow range of values.
     */
    public static void writeForSkipping(Dataset<Row> events, int rowGroupBytes, String path) {
        // @kata:solution
        events.orderBy("value")
                .write()
                .option("parquet.block.size", rowGroupBytes)
                .parquet(path);
        // @kata:end
    }

    public static void main(String[] args) throws Exception {
        SparkSession spark = LocalSpark.session();
        Dataset<Row> events =
                spark.read().schema(EVENTS).json(Fixtures.path("events.json").toString());
        try (ScratchFolder folder = ScratchFolder.create("storage-formats-")) {
            events.write().parquet(folder.resolve("parquet").toString());
            events.write().option("header", true).csv(folder.resolve("csv").toString());
            events.write().mode(SaveMode.Overwrite).json(folder.resolve("json").toString());
            for (String format : new String[] {"parquet", "csv", "json"}) {
                Dataset<Row> stored = spark.read()
                        .schema(EVENTS)
                        .option("header", true)
                        .format(format)
                        .load(folder.resolve(format).toString());
                System.out.println("=== " + format + " ===");
                Dataset<Row> big = purchasesOver(stored, 100.0);
                big.explain();
                big.show(false);
            }
        }
    }
}
