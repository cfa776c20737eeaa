package org.smsswitch.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.Entity;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switch's database: a pooled {@link DataSource}, the schema brought up to date by Flyway, and a
 * Hibernate {@link SessionFactory} that only validates that schema.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Server-side prepared statements a connection keeps (see the pool's settings). */
    static final int PREPARED_PER_CONNECTION = 64;
    /** The longest statement text the driver keeps prepared (and parsed), in characters. */
    static final int CACHED_SQL_LIMIT = 262_144;

    private final HikariDataSource dataSource;
    private final SessionFactory sessionFactory;
    private final Vendor vendor;

    /** Which database server the switch runs on. */
    public enum Vendor { H2, MARIADB, MYSQL }

    private Database(HikariDataSource dataSource, SessionFactory sessionFactory, Vendor vendor) {
        this.dataSource = dataSource;
        this.sessionFactory = sessionFactory;
        this.vendor = vendor;
    }

    /**
     * Connects, migrates the schema and builds the session factory for the given entity classes.
     *
     * @throws IllegalStateException when the database cannot be reached or the schema does not match
     */
    public static Database open(DatabaseSettings settings, List<Class<?>> entities) {
        HikariDataSource dataSource = pool(settings);
        try {
            Vendor vendor = vendorOf(dataSource);
            migrate(dataSource, vendor);
            SessionFactory sessionFactory = sessionFactory(dataSource, vendor, entities);
            log.info("Database ready: {} at {}", vendor, DatabaseSettings.redactedUrl(settings.url()));
            return new Database(dataSource, sessionFactory, vendor);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static HikariDataSource pool(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sms-switch");
        config.setJdbcUrl(settings.url());
        // Named, not looked up: in a servlet container DriverManager never sees drivers in WEB-INF/lib.
        config.setDriverClassName(settings.isH2() ? "org.h2.Driver" : "com.mysql.cj.jdbc.Driver");
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setAutoCommit(false);
        config.setConnectionTimeout(10_000);
        if (!settings.isH2()) {
            // InnoDB's default, REPEATABLE READ, answers plain reads from a snapshot taken before a row
            // lock was granted: a limit count or a receipt's sibling segments would be read stale.
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            // Batched inserts go as one multi-row statement.
            config.addDataSourceProperty("rewriteBatchedStatements", "true");
            // The statements of the queue and the receipts are prepared once on the server and kept
            // per connection, which spares the server parsing each again. MariaDB holds at most
            // max_prepared_stmt_count (16,382 by default) for all its clients: a switch keeps up to
            // PREPARED_PER_CONNECTION for each of its pool's connections (1,024 with the default pool).
            config.addDataSourceProperty("useServerPrepStmts", "true");
            config.addDataSourceProperty("cachePrepStmts", "true");
            config.addDataSourceProperty("prepStmtCacheSize", Integer.toString(PREPARED_PER_CONNECTION));
            // Hibernate's statements are longer than the driver's default limit of 256 characters, and
            // a rewritten batch (a multi-row INSERT, or a batch of UPDATEs sent as one multi-statement)
            // is longer still: under the limit, the driver parses each such text once per connection
            // instead of at every flush (a seventh of the drain and receipt threads' CPU, profiled).
            config.addDataSourceProperty("prepStmtCacheSqlLimit", Integer.toString(CACHED_SQL_LIMIT));
            config.addDataSourceProperty("cacheResultSetMetadata", "true");
            config.addDataSourceProperty("useLocalSessionState", "true");
            config.addDataSourceProperty("elideSetAutoCommits", "true");
            config.addDataSourceProperty("maintainTimeStats", "false");
            config.addDataSourceProperty("connectionTimeZone", "UTC");
            config.addDataSourceProperty("forceConnectionTimeZoneToSession", "true");
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot connect to the database at "
                    + DatabaseSettings.redactedUrl(settings.url()) + ": " + rootMessage(e), e);
        }
    }

    private static Vendor vendorOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String product = meta.getDatabaseProductName();
            String version = meta.getDatabaseProductVersion();
            if (product.toLowerCase().contains("h2")) {
                return Vendor.H2;
            }
            return version.toLowerCase().contains("mariadb") ? Vendor.MARIADB : Vendor.MYSQL;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database's metadata: " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource dataSource, Vendor vendor) {
        // Column types the two servers spell differently; MariaDB's TIMESTAMP ends in 2038, and its
        // BLOB holds 64 KB.
        String timestamp = vendor == Vendor.H2 ? "TIMESTAMP(6)" : "DATETIME(6)";
        String blob = vendor == Vendor.H2 ? "BLOB" : "LONGBLOB";
        Flyway.configure()
                .dataSource(dataSource)
                .placeholders(java.util.Map.of("timestamp", timestamp, "blob", blob))
                // Common migrations, and those written for one server (Quartz's tables).
                .locations("classpath:db/migration/common",
                        "classpath:db/migration/" + (vendor == Vendor.H2 ? "h2" : "mysql"))
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    private static SessionFactory sessionFactory(DataSource dataSource, Vendor vendor, List<Class<?>> entities) {
        StandardServiceRegistryBuilder builder = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        if (vendor == Vendor.MARIADB) {
            // H2 and MySQL are recognised from the connection; MariaDB behind mysql-connector-j is not.
            builder.applySetting(AvailableSettings.DIALECT, MariaDb1011Dialect.class.getName());
        }
        StandardServiceRegistry registry = builder
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "validate")
                .applySetting(AvailableSettings.JDBC_TIME_ZONE, "UTC")
                .applySetting(AvailableSettings.PREFERRED_INSTANT_JDBC_TYPE, "TIMESTAMP")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 200)
                .applySetting(AvailableSettings.ORDER_INSERTS, true)
                .applySetting(AvailableSettings.ORDER_UPDATES, true)
                // IN lists padded to a power of two: a few statement shapes, each translated and
                // cached once, instead of one per list length.
                .applySetting(AvailableSettings.IN_CLAUSE_PARAMETER_PADDING, true)
                .applySetting(AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, true)
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            for (Class<?> entity : entities) {
                if (!entity.isAnnotationPresent(Entity.class)) {
                    throw new IllegalArgumentException(entity.getName() + " is not an @Entity");
                }
                sources.addAnnotatedClass(entity);
            }
            return sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public SessionFactory sessionFactory() {
        return sessionFactory;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Vendor vendor() {
        return vendor;
    }

    @Override
    public void close() {
        sessionFactory.close();
        dataSource.close();
    }
}
