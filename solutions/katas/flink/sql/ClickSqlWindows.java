package katas.flink.sql;

import katas.support.Fixtures;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Guide 4.3 ex.3, Flink SQL: per page, the clicks of each 10-minute tumbling event-time window, written
 * twice: with the group window functions of the guide ({@code GROUP BY TUMBLE(...)}) and with the
 * window table-valued function that replaces them ({@code FROM TABLE(TUMBLE(...))}).
 *
 * <pre>
 * {"userId": "u1", "page": "home", "clickTime": "2025-12-08 10:00:00"}
 * {"userId": "u2", "page": "products", "clickTime": "2025-12-08 10:01:00"}
 * {"userId": "u1", "page": "checkout", "clickTime": "2025-12-08 10:02:00"}
 * {"userId": "u3", "page": "home", "clickTime": "2025-12-08 10:03:00"}
 * {"userId": "u2", "page": "home", "clickTime": "2025-12-08 10:04:00"}
 * </pre>
 *
 * The table {@code clicks} reads a JSON file (the guide reads a Kafka topic; the SQL is the same) and
 * declares {@code clickTime} its event time, with watermarks 5 seconds behind the newest click. Both
 * queries return {@code page, window_start, window_end, click_count}, these rows as {@code Row} prints them
 * ({@code main} shows them as the table {@code TableResult.print()} draws):
 *
 * <pre>
 * +I[home, 2025-12-08T10:00, 2025-12-08T10:10, 3]
 * +I[products, 2025-12-08T10:00, 2025-12-08T10:10, 1]
 * +I[checkout, 2025-12-08T10:00, 2025-12-08T10:10, 1]
 * </pre>
 */
public final class ClickSqlWindows {

    private ClickSqlWindows() {}

    /**
     * Registers the table {@code clicks} over the JSON lines at {@code path}: {@code userId} and
     * {@code page} strings, {@code clickTime} a {@code TIMESTAMP(3)} event time with a 5-second watermark.
     */
    public static void createClicksTable(TableEnvironment tableEnv, String path) {
        // @kata:solution
        tableEnv.executeSql("""
                CREATE TABLE clicks (
                    userId STRING,
                    page STRING,
                    clickTime TIMESTAMP(3),
                    WATERMARK FOR clickTime AS clickTime - INTERVAL '5' SECOND
                ) WITH (
                    'connector' = 'filesystem',
                    'path' = '%s',
                    'format' = 'json'
                )
                """.formatted(path));
        // @kata:end
    }

    /** The clicks per page and 10-minute window, with the group window functions {@code TUMBLE_START/END}. */
    public static Table countsByGroupWindow(TableEnvironment tableEnv) {
        // @kata:solution
        return tableEnv.sqlQuery("""
                SELECT
                    page,
                    TUMBLE_START(clickTime, INTERVAL '10' MINUTE) AS window_start,
                    TUMBLE_END(clickTime, INTERVAL '10' MINUTE) AS window_end,
                    COUNT(*) AS click_count
                FROM clicks
                GROUP BY page, TUMBLE(clickTime, INTERVAL '10' MINUTE)
                """);
        // @kata:end
    }

    /** The same counts with the window table-valued function {@code TUMBLE(TABLE clicks, ...)}. */
    public static Table countsByWindowTvf(TableEnvironment tableEnv) {
        // @kata:solution
        return tableEnv.sqlQuery("""
                SELECT page, window_start, window_end, COUNT(*) AS click_count
                FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(clickTime), INTERVAL '10' MINUTE))
                GROUP BY page, window_start, window_end
                """);
        // @kata:end
    }

    public static void main(String[] args) throws Exception {
        StreamTableEnvironment tableEnv =
                StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
        createClicksTable(tableEnv, Fixtures.path("clicks.json").toString());
        // Collected and printed by this client, where it runs on a cluster too: the print connector writes to
        // the TaskManagers' output.
        countsByWindowTvf(tableEnv).execute().print();
    }
}
