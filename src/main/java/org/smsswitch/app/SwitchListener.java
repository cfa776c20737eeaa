package org.smsswitch.app;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the switch with the web application and stops it with it. The configuration is the one an
 * embedding program put in the {@link #CONFIG} attribute, or else the one loaded from the defaults,
 * the environment and this context's parameters.
 */
public final class SwitchListener implements ServletContextListener {
    /** Servlet context attribute: a {@link Config} given by whoever embeds the web application. */
    public static final String CONFIG = "org.smsswitch.config";
    /** Servlet context attribute: a {@link Clock} given by whoever embeds the web application (tests). */
    public static final String CLOCK = "org.smsswitch.clock";
    /** Servlet context attribute: the running {@link SmsSwitch}. */
    public static final String SWITCH = "org.smsswitch.switch";

    private static final Logger log = LoggerFactory.getLogger(SwitchListener.class);

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        try {
            Config config = context.getAttribute(CONFIG) instanceof Config given
                    ? given
                    : Config.load(context::getInitParameter, Collections.list(context.getInitParameterNames()));
            // Microseconds, as the database keeps them: a time written and read back compares equal.
            Clock clock = context.getAttribute(CLOCK) instanceof Clock given ? given
                    : Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1000));
            context.setAttribute(SWITCH, SmsSwitch.start(config, clock));
        } catch (RuntimeException e) {
            log.error("sms-switch could not start: {}", e.getMessage(), e);
            throw e;
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (event.getServletContext().getAttribute(SWITCH) instanceof SmsSwitch running) {
            running.close();
        }
        deregisterOwnDrivers(event.getServletContext().getClassLoader());
    }

    /** JDBC drivers loaded from this web application's own jars would pin it in memory after undeploy. */
    private static void deregisterOwnDrivers(ClassLoader webapp) {
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == webapp) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    log.warn("Could not deregister the JDBC driver {}: {}", driver, e.getMessage());
                }
            }
        }
    }
}
