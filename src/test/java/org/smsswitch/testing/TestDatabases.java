package org.smsswitch.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.smsswitch.persistence.DatabaseSettings;

/**
 * Databases for tests: a fresh H2 file database, or a fresh database on the MariaDB/MySQL server at
 * {@code SMSSWITCH_TEST_MYSQL_URL} (default {@code jdbc:mysql://127.0.0.1:3306/}, user root, no
 * password), dropped on close. A missing server fails the test: it is not skipped.
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    public static DatabaseSettings h2(Path directory) {
        return new DatabaseSettings("jdbc:h2:file:" + directory.toAbsolutePath().resolve("switch")
                + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", 8);
    }

    /** A new, empty database on the MariaDB server; close drops it. */
    public static MariaDb mariaDb() {
        String server = env("SMSSWITCH_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/");
        String user = env("SMSSWITCH_TEST_MYSQL_USER", "root");
        String password = env("SMSSWITCH_TEST_MYSQL_PASSWORD", "");
        String name = "smsswitch_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(server, user, password, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        String url = server + name + "?useSSL=false&allowPublicKeyRetrieval=true";
        return new MariaDb(new DatabaseSettings(url, user, password, 8), () -> execute(server, user, password,
                "DROP DATABASE IF EXISTS " + name));
    }

    /** A database on the test server, and how to drop it. */
    public record MariaDb(DatabaseSettings settings, Runnable drop) implements AutoCloseable {
        @Override
        public void close() {
            drop.run();
        }
    }

    private static void execute(String server, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(server + "?useSSL=false&allowPublicKeyRetrieval=true",
                user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("The MariaDB/MySQL test server at " + server + " is not usable ("
                    + e.getMessage() + "). Start it (see .ci/run) or set SMSSWITCH_TEST_MYSQL_URL.", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
