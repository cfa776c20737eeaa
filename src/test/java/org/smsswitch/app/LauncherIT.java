package org.smsswitch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.api.ws.ImmediateStatus;
import org.smsswitch.api.ws.MessageStatus;
import org.smsswitch.api.ws.Send;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.SoapClients;

/**
 * The built launcher run as its own process, as the README's Run command does after the build:
 * {@code java -jar target/sms-switch-launcher.jar}, configured only through the environment.
 */
class LauncherIT {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
    private static final String WSDL_LINE = "Client API WSDL:";
    private static final String DEMO_DATA_CREATED = "Created demo data";

    @TempDir
    Path work;
    private final List<RunningLauncher> launched = new ArrayList<>();

    @RegisterExtension
    final TestExecutionExceptionHandler printOutputOnFailure = (context, failure) -> {
        for (RunningLauncher launcher : launched) {
            System.err.println("---- output of " + launcher + " ----");
            launcher.output.forEach(System.err::println);
        }
        throw failure;
    };

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (RunningLauncher launcher : launched) {
            if (launcher.process.isAlive()) {
                launcher.process.destroyForcibly().waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void the_launcher_serves_the_wsdl_it_prints_accepts_a_send_and_stops_on_sigterm() throws Exception {
        RunningLauncher launcher = start(work.resolve("data"));

        assertTrue(launcher.wsdl.endsWith("?wsdl"), launcher.wsdl);
        HttpResponse<String> wsdl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(launcher.wsdl))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, wsdl.statusCode());
        assertTrue(wsdl.body().contains("SmsService"), wsdl.body());
        assertEquals(ImmediateStatus.ACCEPTED, sendAsDemo(launcher, "Crews on site at Elm St").getImmediateStatus());
        assertStopsOnSigterm(launcher);
    }

    @Test
    void a_second_start_on_the_same_data_dir_starts_without_creating_the_demo_data_again() throws Exception {
        Path data = work.resolve("data");
        RunningLauncher first = start(data);
        assertTrue(first.printed(DEMO_DATA_CREATED), "the first start should create the demo data");
        assertStopsOnSigterm(first);

        RunningLauncher second = start(data);

        assertFalse(second.printed(DEMO_DATA_CREATED), "the second start created the demo data again");
        assertEquals(ImmediateStatus.ACCEPTED, sendAsDemo(second, "Still here after a restart").getImmediateStatus());
        assertStopsOnSigterm(second);
    }

    /** Runs the launcher and waits until it prints the WSDL address, reporting how long that took. */
    private RunningLauncher start(Path dataDir) throws IOException {
        Path jar = Path.of(System.getProperty("smsswitch.test.war")).resolveSibling("sms-switch-launcher.jar");
        assertTrue(Files.isRegularFile(jar), "No launcher at " + jar + "; run this test with mvn verify");
        String dataState = Files.exists(dataDir) ? "existing data dir" : "new data dir";
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", jar.toString())
                .directory(Files.createTempDirectory(work, "run").toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("SMSSWITCH_"));
        env.put("SMSSWITCH_HTTP_PORT", Integer.toString(freePort()));
        env.put("SMSSWITCH_DATA_DIR", dataDir.toString());
        env.put("SMSSWITCH_SECURITY_PASSWORD_ITERATIONS", "1000");

        RunningLauncher launcher = new RunningLauncher(builder);
        launched.add(launcher);
        Await.until(START_DEADLINE, "the launcher to print its WSDL address",
                () -> launcher.wsdl != null || launcher.outputEnded);
        assertNotNull(launcher.wsdl, "the launcher ended its output without printing '" + WSDL_LINE + "'");
        System.out.println("Launcher start-up: " + launcher.startUpMillis + " ms (" + dataState + ")");
        return launcher;
    }

    private static MessageStatus sendAsDemo(RunningLauncher launcher, String text) throws Exception {
        String baseUrl = launcher.wsdl.substring(0, launcher.wsdl.indexOf("/services/"));
        Send send = new Send();
        send.setShortCode("55555");
        send.setKeyword("ALERTS");
        send.setTo("+15550100001");
        send.setText(text);
        return SoapClients.sms(baseUrl, "demo", "demo").send(send).getStatus();
    }

    private static void assertStopsOnSigterm(RunningLauncher launcher) throws InterruptedException {
        launcher.process.destroy();
        assertTrue(launcher.process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS),
                "the launcher did not exit within " + STOP_DEADLINE + " of SIGTERM");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A launcher process whose output is read as it comes, so the pipe never fills. */
    private static final class RunningLauncher {
        final Process process;
        final List<String> output = new CopyOnWriteArrayList<>();
        private final long startedAt;
        volatile long startUpMillis;
        volatile String wsdl;
        volatile boolean outputEnded;

        RunningLauncher(ProcessBuilder builder) throws IOException {
            startedAt = System.nanoTime();
            process = builder.start();
            Thread reader = new Thread(this::readOutput, "launcher-output-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        boolean printed(String text) {
            return output.stream().anyMatch(line -> line.contains(text));
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

        @Override
        public String toString() {
            return "launcher pid " + process.pid();
        }
    }
}
