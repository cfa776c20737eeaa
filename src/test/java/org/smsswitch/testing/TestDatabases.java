package org.smsswitch.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.smsswitch.persistence.DatabaseSettings;

/**
 * Databases for tests: a fresh H2 file database, or a fresh database on a MariaDB/MySQL server,
 * dropped on close. The server is chosen once per test JVM:
 * <ol>
 * <li>{@code SMSSWITCH_TEST_MYSQL_URL} (with {@code SMSSWITCH_TEST_MYSQL_USER} and
 * {@code SMSSWITCH_TEST_MYSQL_PASSWORD}) when set: that server, and a test fails if it does not
 * answer;</li>
 * <li>else the server on {@code 127.0.0.1:3306} (user root, no password, unless those variables say
 * otherwise) if it answers;</li>
 * <li>else an embedded MariaDB ({@link EmbeddedMariaDb}), started on first use on a free port and
 * stopped when the JVM exits. {@code SMSSWITCH_TEST_MYSQL=embedded} forces this choice.</li>
 * </ol>
 * In every case the URL is a {@code jdbc:mysql:} one, as the product uses mysql-connector-j.
 */
public final class TestDatabases {
    private static final String DEFAULT_URL = "jdbc:mysql://127.0.0.1:3306/";
    private static final String OPTIONS = "?useSSL=false&allowPublicKeyRetrieval=true";

    private static Server server;

    private TestDatabases() {
    }

    public static DatabaseSettings h2(Path directory) {
        return new DatabaseSettings("jdbc:h2:file:" + directory.toAbsolutePath().resolve("switch")
                + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", 8);
    }

    /** A new, empty database on the MariaDB test server; close drops it. */
    public static MariaDb mariaDb() {
        Server server = server();
        String name = "smsswitch_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        String url = server.url() + name + OPTIONS;
        return new MariaDb(new DatabaseSettings(url, server.user(), server.password(), 8),
                () -> server.execute("DROP DATABASE IF EXISTS " + name));
    }

    /** A database on the test server, and how to drop it. */
    public record MariaDb(DatabaseSettings settings, Runnable drop) implements AutoCloseable {
        @Override
        public void close() {
            drop.run();
        }
    }

    /**
     * A MariaDB/MySQL server for tests.
     *
     * @param url a {@code jdbc:mysql://host:port/} URL, ending in a slash
     * @param hint what to do when it does not answer
     */
    record Server(String url, String user, String password, String description, String hint) {
        void execute(String sql) {
            try (Connection c = DriverManager.getConnection(url + OPTIONS, user, password);
                    Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("The MariaDB/MySQL test server at " + url + " is not usable ("
                        + describe(e) + "). " + hint, e);
            }
        }
    }

    private static synchronized Server server() {
        if (server == null) {
            server = chooseServer();
            System.out.println("[TestDatabases] MariaDB tests use " + server.description());
        }
        return server;
    }

    private static Server chooseServer() {
        String user = env("SMSSWITCH_TEST_MYSQL_USER", "root");
        String password = env("SMSSWITCH_TEST_MYSQL_PASSWORD", "");
        String mode = env("SMSSWITCH_TEST_MYSQL", "");
        if (mode.equals("embedded")) {
            return EmbeddedMariaDb.server("SMSSWITCH_TEST_MYSQL=embedded");
        }
        if (!mode.isEmpty()) {
            throw new IllegalStateException("SMSSWITCH_TEST_MYSQL=" + mode + " is not understood: the only value is"
                    + " 'embedded' (leave it unset to use SMSSWITCH_TEST_MYSQL_URL or the server on 127.0.0.1:3306)");
        }
        String url = env("SMSSWITCH_TEST_MYSQL_URL", "");
        if (!url.isEmpty()) {
            String withSlash = url.endsWith("/") ? url : url + "/";
            return new Server(withSlash, user, password, "the server at " + withSlash + " (SMSSWITCH_TEST_MYSQL_URL),"
                    + " user " + user, "Start it, or unset SMSSWITCH_TEST_MYSQL_URL to use the server on"
                    + " 127.0.0.1:3306 or else an embedded MariaDB.");
        }
        String refusal = refusal(DEFAULT_URL, user, password);
        if (refusal == null) {
            return new Server(DEFAULT_URL, user, password, "the server at " + DEFAULT_URL + ", user " + user,
                    "It answered when the tests began; is it still running?");
        }
        return EmbeddedMariaDb.server("none usable at " + DEFAULT_URL + ": " + refusal);
    }

    /** Why the server does not let {@code user} in, or null if it does. */
    private static String refusal(String url, String user, String password) {
        // Short time-outs: a port that swallows packets must not hang the tests.
        try (Connection c = DriverManager.getConnection(url + OPTIONS + "&connectTimeout=3000&socketTimeout=10000",
                user, password); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return null;
        } catch (SQLException e) {
            return describe(e);
        }
    }

    /** The first line of the exception's message, and of its root cause's. */
    private static String describe(SQLException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return firstLine(e) + (root == e ? "" : ": " + firstLine(root));
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
