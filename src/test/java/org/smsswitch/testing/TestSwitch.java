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
        TestSwitch server = new TestSwitch(tomcat);
        if (server.smsSwitch() != null && server.smsSwitch().simulator() != null) {
            // Queued messages find their carrier bound, rather than going back to the queue for later.
            Await.until(java.time.Duration.ofSeconds(30), "the switch to bind to its simulator",
                    () -> server.smsSwitch().simulator().boundSessions() > 0);
        }
        return server;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public SmsSwitch smsSwitch() {
        var context = (org.apache.catalina.Context) tomcat.getHost().findChild("");
        return (SmsSwitch) context.getServletContext().getAttribute(SwitchListener.SWITCH);
    }

    /** The demo client account's SOAP client. */
    public org.smsswitch.api.ws.SmsPortType demo() {
        return SoapClients.sms(baseUrl, "demo", "demo");
    }

    /** The demo operator's admin client. */
    public org.smsswitch.api.admin.ws.AdminPortType admin() {
        return SoapClients.admin(baseUrl, "admin", "admin");
    }

    /** Opts a number in to the demo keyword ALERTS (a fresh number keeps the monthly limit out of the way). */
    public String optInToAlerts(String number) {
        long keywordId = smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .createSelectionQuery("select k.id from Keyword k where k.word = 'ALERTS'", Long.class)
                .getSingleResult());
        smsSwitch().optIns().optIn(keywordId, number, org.smsswitch.optin.OptInKind.WEB, "test", Map.of());
        return number;
    }

    /** Sends on 55555 ALERTS as the demo account. */
    public org.smsswitch.api.ws.MessageStatus send(String to, String text) {
        org.smsswitch.api.ws.Send send = new org.smsswitch.api.ws.Send();
        send.setShortCode("55555");
        send.setKeyword("ALERTS");
        send.setTo(to);
        send.setText(text);
        try {
            return demo().send(send).getStatus();
        } catch (Exception e) {
            throw new AssertionError("Send to " + to + " failed", e);
        }
    }

    /** The demo account's view of one message. */
    public org.smsswitch.api.ws.MessageStatus status(String messageId) {
        org.smsswitch.api.ws.GetStatus get = new org.smsswitch.api.ws.GetStatus();
        get.getMessageId().add(messageId);
        try {
            return demo().getStatus(get).getStatus().get(0);
        } catch (Exception e) {
            throw new AssertionError("GetStatus of " + messageId + " failed", e);
        }
    }

    /** Polls GetStatus until the message meets the condition (15 s at most), and returns that status. */
    public org.smsswitch.api.ws.MessageStatus awaitStatus(String messageId, String what,
            java.util.function.Predicate<org.smsswitch.api.ws.MessageStatus> condition) {
        java.util.concurrent.atomic.AtomicReference<org.smsswitch.api.ws.MessageStatus> last =
                new java.util.concurrent.atomic.AtomicReference<>();
        Await.until(java.time.Duration.ofSeconds(15), "message " + messageId + " " + what, () -> {
            last.set(status(messageId));
            return condition.test(last.get());
        });
        return last.get();
    }

    /** Polls until the message's status is final. */
    public org.smsswitch.api.ws.MessageStatus awaitFinal(String messageId) {
        return awaitStatus(messageId, "to be final", org.smsswitch.api.ws.MessageStatus::isFinal);
    }

    /** The texts the switch's simulator got for a number, in the order it got them. */
    public java.util.List<String> textsTo(String number) {
        return smsSwitch().simulator().received().stream().filter(r -> r.destination().equals(number))
                .map(org.smsswitch.carrier.smpp.SmppSimulator.ReceivedSubmit::text).toList();
    }

    /** Waits until every text from the number is processed and no reply to it is still queued. */
    public void awaitSettled(String number) {
        Await.until(java.time.Duration.ofSeconds(30), "the texts from " + number + " processed and answered", () ->
                smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery("""
                                select count(m) from InboundMessage m
                                where m.sourceNumber = :n and m.processedAt is null""", Long.class)
                        .setParameter("n", number).getSingleResult()
                        + s.createSelectionQuery("""
                                select count(t) from MtMessage t where t.destination = :n
                                and t.immediateStatus = org.smsswitch.status.ImmediateStatus.QUEUED""", Long.class)
                        .setParameter("n", number).getSingleResult()) == 0);
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
