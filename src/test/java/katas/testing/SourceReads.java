package katas.testing;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * A Dataset that counts the rows its source produces: how a test tells an input read once (cached) from
 * one that every job reads again. An accumulator's updates reach the driver before the action that ran
 * the tasks returns, so {@link #passes()} is exact after any action, without sleeping.
 */
public final class SourceReads {

    private final Dataset<Row> dataset;
    private final LongAccumulator produced;
    private final long rows;

    private SourceReads(Dataset<Row> dataset, LongAccumulator produced, long rows) {
        this.dataset = dataset;
        this.produced = produced;
        this.rows = rows;
    }

    /** {@code source} behind a counter; counting its rows once here is not counted. */
    public static SourceReads of(Dataset<Row> source) {
        LongAccumulator produced = source.sparkSession().sparkContext().longAccumulator("source rows");
        Dataset<Row> counted = source.map(
                (MapFunction<Row, Row>) row -> {
                    produced.add(1);
                    return row;
                },
                Encoders.row(source.schema()));
        return new SourceReads(counted, produced, source.count());
    }

    /** The counted Dataset, to hand to the code under test. */
    public Dataset<Row> dataset() {
        return dataset;
    }

    /** Rows produced by the source so far. */
    public long rowsRead() {
        return produced.value();
    }

    /** Whole passes over the source so far: rows produced divided by the source's rows. */
    public double passes() {
        return (double) produced.value() / rows;
    }
}
