package katas.support;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where a job writes its rows: a JDBC URL and credentials. By default an H2 database in this JVM's memory
 * in MySQL mode (nothing to install, nothing left on disk); {@value #URL} (with {@value #USER} and
 * {@value #PASSWORD}) points at a real MySQL or MariaDB instead, such as the one
 * {@code services/mariadb.sh} starts.
 */
public record SqlDatabase(String url, String user, String password) implements Serializable {

    public static final String URL = "KATA_JDBC_URL";
    public static final String USER = "KATA_JDBC_USER";
    public static final String PASSWORD = "KATA_JDBC_PASSWORD";

    /** The database the environment names, or an in-memory H2 called {@code name}. */
    public static SqlDatabase fromEnvironmentOr(String name) {
        String url = System.getenv(URL);
        if (url != null && !url.isBlank()) {
            return new SqlDatabase(
                    url, System.getenv().getOrDefault(USER, ""), System.getenv().getOrDefault(PASSWORD, ""));
        }
        return new SqlDatabase(
                "jdbc:h2:mem:" + name + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Runs statements that return no rows, such as DDL, in order. */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
