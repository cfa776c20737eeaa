package org.smsswitch.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The built launcher, {@code target/sms-switch-launcher.jar}, run as a process of its own on a free
 * HTTP port and configured only through {@code SMSSWITCH_*} environment variables: a switch node that
 * a test can kill. Its output is read as it comes, so the pipe never fills, and kept for a failure
 * report. Needs the {@code package} phase (run under {@code mvn verify}).
 */
public final class LauncherProcess implements AutoCloseable {
    private static final String WSDL_LINE = "Client API WSDL:";
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final long startedAt;
    private volatile long startUpMillis;
    private volatile String wsdl;
    private volatile boolean outputEnded;

    private LauncherProcess(String name, ProcessBuilder builder) throws IOException {
        this.name = name;
        this.startedAt = System.nanoTime();
        this.process = builder.start();
        Thread reader = new Thread(this::readOutput, "launcher-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the launcher with these settings (keys as in sms-switch.properties, over its defaults;
     * {@code http.port} is chosen here) and waits until it prints its WSDL address.
     *
     * @param name what the failure report calls it
     * @param workDir its working directory
     */
    public static LauncherProcess start(String name, Path workDir, Map<String, String> settings, Duration deadline)
            throws IOException {
        Path jar = Path.of(System.getProperty("smsswitch.test.war")).resolveSibling("sms-switch-launcher.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("No launcher at " + jar + "; run this test with mvn verify");
        }
        Files.createDirectories(workDir);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("SMSSWITCH_"));
        env.put(variable("http.port"), Integer.toString(freePort()));
        settings.forEach((key, value) -> env.put(variable(key), value));

        LauncherProcess launcher = new LauncherProcess(name, builder);
        try {
            Await.until(deadline, name + " to print its WSDL address",
                    () -> launcher.wsdl != null || launcher.outputEnded);
            if (launcher.wsdl == null) {
                throw new AssertionError(name + " ended its output without printing '" + WSDL_LINE + "'");
            }
        } catch (AssertionError e) {
            launcher.printOutput(System.err);
            launcher.close();
            throw e;
        }
        return launcher;
    }

    /** {@code SMSSWITCH_<KEY>}: upper case, '.' and '-' as '_'. */
    private static String variable(String key) {
        return "SMSSWITCH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Where its web services are: {@code http://127.0.0.1:port}. */
    public String baseUrl() {
        return wsdl.substring(0, wsdl.indexOf("/services/"));
    }

    /** The client API's WSDL address, as it printed it. */
    public String wsdl() {
        return wsdl;
    }

    /** How long it took from the process's start to printing its WSDL address. */
    public long startUpMillis() {
        return startUpMillis;
    }

    /** Whether a line of its output so far contains the text. */
    public boolean printed(String text) {
        return output.stream().anyMatch(line -> line.contains(text));
    }

    /** SIGTERM, as Ctrl+C or {@code kill} sends: returns whether it ended within the deadline. */
    public boolean terminate(Duration deadline) throws InterruptedException {
        process.destroy();
        return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL on Linux: no shutdown hook runs, nothing is unbound or rolled back by the process itself. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not end within " + STOP_DEADLINE + " of SIGKILL");
        }
    }

    public void printOutput(PrintStream to) {
        to.println("---- output of " + this + " ----");
        output.forEach(to::println);
    }

    /** Kills it if it still runs. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readOutput() {
        try (BufferedReader in = process.inputReader()) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.add(line);
                if (wsdl == null && line.startsWith(WSDL_LINE)) {
                    startUpMillis = Duration.ofNanos(System.nanoTime() - startedAt).toMillis();
                    wsdl = line.substring(WSDL_LINE.length()).strip();
                }
            }
        } catch (IOException e) {
            output.add("(output no longer readable: " + e + ")");
        } finally {
            outputEnded = true;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
