package org.smsswitch.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.smsswitch.app.Config;
import org.smsswitch.app.Launcher;
import org.smsswitch.app.SmsSwitch;
import org.smsswitch.app.SwitchListener;
import org.smsswitch.persistence.DatabaseSettings;

/**
 * The switch's web application (webapp/WEB-INF/web.xml, the classes on the test classpath) in
 * embedded Tomcat on a free port, with the built-in SMPP simulator as carrier and the demo data.
 */
public final class TestSwitch implements AutoCloseable {
    private final Tomcat tomcat;
    private final String baseUrl;

    private TestSwitch(Tomcat tomcat) {
        this.tomcat = tomcat;
        this.baseUrl = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
    }

    public static TestSwitch start(DatabaseSettings db, Path workDir) throws Exception {
        return start(db, workDir, Map.of(), null);
    }

    /** With settings of the test's own over the defaults, and a clock the test moves (null: system). */
    public static TestSwitch start(DatabaseSettings db, Path workDir, Map<String, String> more, java.time.Clock clock)
            throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("data.dir", workDir.resolve("data").toString());
        settings.put("db.url", db.url());
        settings.put("db.user", db.user());
        settings.put("db.password", db.password());
        settings.put("demo.data", "true");
        settings.put("security.password-iterations", "1000");
        settings.put("carrier.simulator.port", "0");
        settings.putAll(more);
        Files.createDirectories(workDir);
        Tomcat tomcat = Launcher.start(Path.of("webapp"), workDir.resolve("tomcat"), "127.0.0.1", 0,
                Config.of(settings), clock);
        return new TestSwitch(tomcat);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public SmsSwitch smsSwitch() {
        var context = (org.apache.catalina.Context) tomcat.getHost().findChild("");
        return (SmsSwitch) context.getServletContext().getAttribute(SwitchListener.SWITCH);
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
