package org.smsswitch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.api.ws.GetStatus;
import org.smsswitch.api.ws.ImmediateStatus;
import org.smsswitch.api.ws.MessageStatus;
import org.smsswitch.api.ws.Send;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.SoapClients;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The built WAR deployed as ROOT into a stock Tomcat 10.1 distribution, started with
 * {@code catalina.sh run} as an operator would, and called over HTTP with the demo account.
 */
class TomcatDistributionIT {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path work;
    private static Path log;
    private static Process tomcat;
    private static String baseUrl;

    @RegisterExtension
    static final PrintLogTailOnFailure printLogTail = new PrintLogTailOnFailure();

    @BeforeAll
    static void startTomcat() throws Exception {
        Path home = work.resolve("tomcat");
        copyTree(Path.of(requiredProperty("smsswitch.test.tomcat-dist")), home);
        int port = freePort();
        configureServer(home.resolve("conf/server.xml"), port);
        deployAsRoot(Path.of(requiredProperty("smsswitch.test.war")), home.resolve("webapps"));
        try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
            scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
        }

        log = work.resolve("tomcat.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/catalina.sh").toString(), "run")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // Only what this test sets may configure Tomcat and the switch.
        env.keySet().removeIf(name -> name.startsWith("SMSSWITCH_") || name.startsWith("CATALINA_")
                || List.of("JAVA_OPTS", "JRE_HOME", "JPDA_OPTS").contains(name));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CATALINA_HOME", home.toString());
        env.put("CATALINA_BASE", home.toString());
        env.put("SMSSWITCH_DATA_DIR", work.resolve("data").toString());
        env.put("SMSSWITCH_SECURITY_PASSWORD_ITERATIONS", "1000");
        env.put("SMSSWITCH_CARRIER_SIMULATOR_PORT", "0");
        tomcat = builder.start();

        baseUrl = "http://127.0.0.1:" + port;
        String wsdl = baseUrl + "/services/sms?wsdl";
        // The connector binds only after the deployment (see configureServer): any answer means it is over.
        AtomicInteger status = new AtomicInteger();
        Await.until(START_DEADLINE, "Tomcat to answer at " + wsdl, () -> {
            status.set(statusOf(wsdl));
            return status.get() != 0 || !tomcat.isAlive();
        });
        assertTrue(tomcat.isAlive(), () -> "Tomcat exited with status " + tomcat.exitValue() + " before answering");
        assertEquals(200, status.get(), "Tomcat answered " + status + " at " + wsdl + ": the switch did not deploy");
    }

    @AfterAll
    static void stopTomcat() throws InterruptedException {
        if (tomcat == null) {
            return;
        }
        tomcat.destroy();
        if (!tomcat.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            tomcat.destroyForcibly().waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void the_demo_account_sends_and_reads_back_the_status_through_stock_tomcat() throws Exception {
        var demo = SoapClients.sms(baseUrl, "demo", "demo");

        MessageStatus sent = demo.send(alert("Planned maintenance tonight")).getStatus();

        assertEquals(ImmediateStatus.ACCEPTED, sent.getImmediateStatus());
        assertFalse(sent.getMessageId().isBlank());
        GetStatus get = new GetStatus();
        get.getMessageId().add(sent.getMessageId());
        List<MessageStatus> read = demo.getStatus(get).getStatus();
        assertEquals(1, read.size());
        assertEquals(sent.getMessageId(), read.get(0).getMessageId());
        assertEquals(sent.getImmediateStatus(), read.get(0).getImmediateStatus());
    }

    @Test
    void a_wrong_password_is_a_soap_fault_through_stock_tomcat() {
        var intruder = SoapClients.sms(baseUrl, "demo", "wrong");

        assertThrows(SOAPFaultException.class, () -> intruder.send(alert("Not from demo")));
    }

    private static Send alert(String text) {
        Send send = new Send();
        send.setShortCode("55555");
        send.setKeyword("ALERTS");
        send.setTo("+15550100001");
        send.setText(text);
        return send;
    }

    /** The HTTP connector on {@code port} of the loopback address, no shutdown port, no AJP connector. */
    private static void configureServer(Path serverXml, int port) throws Exception {
        Document doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(serverXml.toFile());
        doc.getDocumentElement().setAttribute("port", "-1");
        NodeList connectors = doc.getElementsByTagName("Connector");
        for (int i = connectors.getLength() - 1; i >= 0; i--) {
            Element connector = (Element) connectors.item(i);
            if (connector.getAttribute("protocol").startsWith("AJP")) {
                connector.getParentNode().removeChild(connector);
            } else {
                connector.setAttribute("port", Integer.toString(port));
                connector.setAttribute("address", "127.0.0.1");
                // Bound only once deployed: polls made earlier are refused instead of queueing in the backlog.
                connector.setAttribute("bindOnInit", "false");
            }
        }
        TransformerFactory.newDefaultInstance().newTransformer()
                .transform(new DOMSource(doc), new StreamResult(serverXml.toFile()));
    }

    private static void deployAsRoot(Path war, Path webapps) throws IOException {
        try (Stream<Path> shipped = Files.list(webapps)) {
            for (Path app : shipped.toList()) {
                deleteTree(app);
            }
        }
        Files.copy(war, webapps.resolve("ROOT.war"));
    }

    /** The HTTP status of a GET on {@code url}, or 0 when nothing answers. */
    private static int statusOf(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling " + url, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run this test with mvn verify");
        }
        return value;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Files.copy(source, to.resolve(from.relativize(source).toString()));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Shows why Tomcat or the switch failed, which the test's own assertion cannot. */
    static final class PrintLogTailOnFailure implements TestExecutionExceptionHandler,
            LifecycleMethodExecutionExceptionHandler {
        private static final int LINES = 150;

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
            printTail();
            throw failure;
        }

        @Override
        public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
                throws Throwable {
            printTail();
            throw failure;
        }

        private static void printTail() throws IOException {
            if (log == null || !Files.exists(log)) {
                return;
            }
            // Lenient decoding: a log cut mid-character must still be shown.
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            System.err.println("---- last " + LINES + " lines of " + log + " ----");
            lines.subList(Math.max(0, lines.size() - LINES), lines.size()).forEach(System.err::println);
            System.err.println("---- end of " + log + " ----");
        }
    }
}
