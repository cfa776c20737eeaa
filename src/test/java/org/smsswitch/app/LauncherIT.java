package org.smsswitch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.api.ws.ImmediateStatus;
import org.smsswitch.api.ws.MessageStatus;
import org.smsswitch.api.ws.Send;
import org.smsswitch.testing.LauncherProcess;
import org.smsswitch.testing.SoapClients;

/**
 * The built launcher run as its own process, as the README's Run command does after the build:
 * {@code java -jar target/sms-switch-launcher.jar}, configured only through the environment.
 */
class LauncherIT {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
    private static final String DEMO_DATA_CREATED = "Created demo data";

    @TempDir
    Path work;
    private final List<LauncherProcess> launched = new ArrayList<>();

    @RegisterExtension
    final TestExecutionExceptionHandler printOutputOnFailure = (context, failure) -> {
        launched.forEach(launcher -> launcher.printOutput(System.err));
        throw failure;
    };

    @AfterEach
    void killLeftovers() {
        launched.forEach(LauncherProcess::close);
    }

    @Test
    void the_launcher_serves_the_wsdl_it_prints_accepts_a_send_and_stops_on_sigterm() throws Exception {
        LauncherProcess launcher = start(work.resolve("data"));

        assertTrue(launcher.wsdl().endsWith("?wsdl"), launcher.wsdl());
        HttpResponse<String> wsdl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(launcher.wsdl()))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, wsdl.statusCode());
        assertTrue(wsdl.body().contains("SmsService"), wsdl.body());
        assertEquals(ImmediateStatus.ACCEPTED, sendAsDemo(launcher, "Crews on site at Elm St").getImmediateStatus());
        assertStopsOnSigterm(launcher);
    }

    @Test
    void a_second_start_on_the_same_data_dir_starts_without_creating_the_demo_data_again() throws Exception {
        Path data = work.resolve("data");
        LauncherProcess first = start(data);
        assertTrue(first.printed(DEMO_DATA_CREATED), "the first start should create the demo data");
        assertStopsOnSigterm(first);

        LauncherProcess second = start(data);

        assertFalse(second.printed(DEMO_DATA_CREATED), "the second start created the demo data again");
        assertEquals(ImmediateStatus.ACCEPTED, sendAsDemo(second, "Still here after a restart").getImmediateStatus());
        assertStopsOnSigterm(second);
    }

    /** Runs the launcher and waits until it prints the WSDL address, reporting how long that took. */
    private LauncherProcess start(Path dataDir) throws IOException {
        String dataState = Files.exists(dataDir) ? "existing data dir" : "new data dir";
        LauncherProcess launcher = LauncherProcess.start("launcher", Files.createTempDirectory(work, "run"),
                Map.of("data.dir", dataDir.toString(), "security.password-iterations", "1000"), START_DEADLINE);
        launched.add(launcher);
        System.out.println("Launcher start-up: " + launcher.startUpMillis() + " ms (" + dataState + ")");
        return launcher;
    }

    private static MessageStatus sendAsDemo(LauncherProcess launcher, String text) throws Exception {
        Send send = new Send();
        send.setShortCode("55555");
        send.setKeyword("ALERTS");
        send.setTo("+15550100001");
        send.setText(text);
        return SoapClients.sms(launcher.baseUrl(), "demo", "demo").send(send).getStatus();
    }

    private static void assertStopsOnSigterm(LauncherProcess launcher) throws InterruptedException {
        assertTrue(launcher.terminate(STOP_DEADLINE), "the launcher did not exit within " + STOP_DEADLINE + " of SIGTERM");
    }
}
