package org.smsswitch.app;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Runs the switch's WAR in embedded Tomcat: {@code java -jar target/sms-switch-launcher.jar}. The WAR
 * is the one beside this jar (or {@code -Dsmsswitch.war=...}); the port is the {@code http.port}
 * setting. Prints the WSDL address once the switch answers.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        quietTomcat();
        long started = System.nanoTime();
        Config config;
        try {
            config = Config.load(name -> null, java.util.List.of());
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("sms-switch cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path war = findWar();
        Path base = Path.of(config.get("data.dir")).toAbsolutePath().normalize().resolve("tomcat");
        Tomcat tomcat;
        try {
            tomcat = start(war, base, config.get("http.address"), config.getInt("http.port"), null, null);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("sms-switch cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        String address = config.get("http.address");
        String host = address.equals("0.0.0.0") ? "localhost" : address.contains(":") ? "[" + address + "]" : address;
        String wsdl = "http://" + host + ":" + tomcat.getConnector().getLocalPort() + "/services/sms?wsdl";
        awaitAnswer(wsdl);
        System.out.printf("sms-switch is ready in %d ms.%nClient API WSDL: %s%nAdmin API WSDL:  %s%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), wsdl,
                wsdl.replace("/services/sms", "/services/admin"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tomcat), "sms-switch-shutdown"));
        tomcat.getServer().await();
    }

    /**
     * Starts Tomcat on {@code port} (0: a free one) with the web application at {@code docBase} (a WAR or
     * a directory) as the root context.
     *
     * @param config a configuration to hand the web application, or null to let it load its own
     */
    public static Tomcat start(Path docBase, Path baseDir, int port, Config config) throws LifecycleException,
            IOException {
        return start(docBase, baseDir, "127.0.0.1", port, config, null);
    }

    /**
     * As {@link #start(Path, Path, int, Config)}, on the given address, with the switch's clock given
     * too (null: the system's).
     */
    public static Tomcat start(Path docBase, Path baseDir, String address, int port, Config config,
            java.time.Clock clock) throws LifecycleException, IOException {
        Files.createDirectories(baseDir.resolve("webapps"));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", address);
        tomcat.setConnector(connector);
        tomcat.getHost().setAppBase(baseDir.resolve("webapps").toString());
        // Tomcat's own defaults would add a JSP servlet that the switch neither has nor needs.
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp("", docBase.toAbsolutePath().toString());
        Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
        context.addServletMappingDecoded("/", "default");
        // web.xml is metadata-complete: nothing in the jars needs scanning, and scanning is most of start-up.
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        scanner.setScanManifest(false);
        scanner.setJarScanFilter((type, jarName) -> false);
        context.setJarScanner(scanner);
        if (config != null || clock != null) {
            context.addServletContainerInitializer((classes, servletContext) -> {
                servletContext.setAttribute(SwitchListener.CONFIG, config);
                servletContext.setAttribute(SwitchListener.CLOCK, clock);
            }, null);
        }
        tomcat.start();
        if (context.getState() != LifecycleState.STARTED) {
            tomcat.stop();
            tomcat.destroy();
            throw new IllegalStateException("The sms-switch web application did not start; see the log above");
        }
        return tomcat;
    }

    /** Tomcat logs through JUL; its start-up chatter is of no use to someone running the switch. */
    private static void quietTomcat() {
        for (String name : new String[] {"org.apache.catalina", "org.apache.coyote", "org.apache.tomcat"}) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(java.util.logging.Level.WARNING);
            QUIETED.add(logger);
        }
    }

    /** JUL holds loggers weakly; a level set on a collected logger is lost. */
    private static final java.util.List<java.util.logging.Logger> QUIETED = new java.util.ArrayList<>();

    private static Path findWar() throws URISyntaxException {
        String given = System.getProperty("smsswitch.war");
        if (given != null) {
            return Path.of(given);
        }
        File jar = new File(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path war = jar.toPath().resolveSibling("sms-switch.war");
        if (!Files.exists(war)) {
            throw new IllegalStateException("No sms-switch.war beside " + jar + "; build it with mvn package");
        }
        return war;
    }

    private static void awaitAnswer(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The switch answered " + response.statusCode() + " at " + url);
        }
    }

    private static void stop(Tomcat tomcat) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            System.err.println("Tomcat did not stop cleanly: " + e.getMessage());
        }
    }
}
