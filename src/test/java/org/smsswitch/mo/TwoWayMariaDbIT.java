package org.smsswitch.mo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.api.admin.ws.AddPoolNumbers;
import org.smsswitch.api.admin.ws.ConfigureNumberResponse;
import org.smsswitch.api.admin.ws.CreateOffice;
import org.smsswitch.api.admin.ws.FaultCode;
import org.smsswitch.api.admin.ws.InvalidRequestFault;
import org.smsswitch.api.admin.ws.ListNumbers;
import org.smsswitch.api.admin.ws.MoveNumber;
import org.smsswitch.api.admin.ws.NumberKind;
import org.smsswitch.api.admin.ws.NumberResponse;
import org.smsswitch.api.admin.ws.ProvisionNumber;
import org.smsswitch.carrier.smpp.SmppSimulator;
import org.smsswitch.status.ImmediateStatus;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.PortalSession;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

/**
 * Two-way messaging on reusable long numbers, on MariaDB, with texts over the simulator's SMPP bind:
 * a number that answers unsolicited texts with its automatic reply; one whose texts go to the inbox,
 * where an agent's answer in the portal reaches the simulator from that number; STOP, START and HELP
 * on a long number; a number used in a conversation refusing to move; and a Send naming a campaign,
 * which goes from the campaign's number.
 */
class TwoWayMariaDbIT {
    private static final String AUTO = "+15558770001";
    private static final String INBOX = "+15558770002";
    private static final String AUTO_REPLY = "Demo Utility: thanks, we got your text. For outages call 1-800-555-0199.";

    @TempDir
    static Path work;
    private static TestDatabases.MariaDb database;
    private static TestSwitch server;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabases.mariaDb();
        // No quarantine: a released single-use number is provisionable again at once.
        server = TestSwitch.start(database.settings(), work, Map.of("numbers.quarantine-days", "0"), null);
        var admin = server.admin();
        AddPoolNumbers add = new AddPoolNumbers();
        add.getNumber().addAll(List.of(AUTO, INBOX));
        admin.addPoolNumbers(add);
        for (String office : List.of("Customer Care", "Billing")) {
            CreateOffice o = new CreateOffice();
            o.setAccount("demo");
            o.setOffice(office);
            admin.createOffice(o);
        }
        for (String number : List.of(AUTO, INBOX)) {
            ProvisionNumber p = new ProvisionNumber();
            p.setAccount("demo");
            p.setOffice("Customer Care");
            p.setKind(NumberKind.REUSABLE);
            p.setNumber(number);
            admin.provisionNumber(p);
        }
        ConfigureNumberResponse auto = new ConfigureNumberResponse();
        auto.setNumber(AUTO);
        auto.setResponse(NumberResponse.AUTO_REPLY);
        auto.setAutoReplyText(AUTO_REPLY);
        admin.configureNumberResponse(auto);
        ConfigureNumberResponse inbox = new ConfigureNumberResponse();
        inbox.setNumber(INBOX);
        inbox.setResponse(NumberResponse.INBOX);
        admin.configureNumberResponse(inbox);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            server.close();
        } finally {
            database.close();
        }
    }

    @Test
    void aNumberAnswersAnUnsolicitedTextWithItsAutomaticReply() throws Exception {
        String phone = "+15550770001";
        assertEquals("ESME_ROK", server.smsSwitch().simulator().injectMo(phone, AUTO, "When is my bill due?"));
        SmppSimulator.ReceivedSubmit reply = awaitText(phone, AUTO_REPLY);
        assertEquals(AUTO, reply.source(), "the reply comes from the long number");
        assertEquals(1, reply.sourceTon(), "as an international number");

        assertEquals("ESME_ROK", server.smsSwitch().simulator().injectMo(phone, AUTO, "HELP"));
        awaitText(phone, "Demo Utility: reply to this number to reach us. Msg&Data rates may apply."
                + " Reply STOP to opt out.");
    }

    @Test
    void anInboxNumbersTextWaitsForAnAgentWhoseAnswerReachesThePhone() throws Exception {
        String phone = "+15550770002";
        assertEquals("ESME_ROK", server.smsSwitch().simulator().injectMo(phone, INBOX, "Can someone call me back?"));
        PortalSession agent = PortalSession.signIn(server.baseUrl(), "demo", "demo");
        Await.until(Duration.ofSeconds(15), "the text in the inbox",
                () -> page(agent, "/portal/inbox").contains("Can someone call me back?"));
        assertTrue(server.textsTo(phone).isEmpty(), "an inbox number sends no automatic reply");
        String thread = "/portal/inbox/thread?number=" + URLEncoder.encode(INBOX, StandardCharsets.UTF_8)
                + "&phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8);
        assertTrue(agent.get(thread).body().contains("Can someone call me back?"));

        var answered = agent.post("/portal/inbox/reply", Map.of("number", INBOX, "phone", phone,
                "text", "Yes, we will call you at 3 pm today.", "csrf", agent.csrf()));
        assertEquals(302, answered.statusCode(), answered.body());
        SmppSimulator.ReceivedSubmit sent = awaitText(phone, "Yes, we will call you at 3 pm today.");
        assertEquals(INBOX, sent.source());
        Await.until(Duration.ofSeconds(15), "the answer shown accepted",
                () -> page(agent, thread).contains(ImmediateStatus.ACCEPTED.label()));

        assertEquals(403, agent.post("/portal/inbox/reply", Map.of("number", INBOX, "phone", phone,
                "text", "No token")).statusCode(), "the answer form wants its token");
        PortalSession other = otherAccount();
        assertEquals(404, other.post("/portal/inbox/reply", Map.of("number", INBOX, "phone", phone,
                "text", "Not my number", "csrf", other.csrf())).statusCode());
        assertFalse(other.get("/portal/inbox").body().contains(phone), "another account sees none of it");

        // Used in a conversation: the number stays in its office.
        MoveNumber move = new MoveNumber();
        move.setNumber(INBOX);
        move.setOffice("Billing");
        InvalidRequestFault refused = org.junit.jupiter.api.Assertions.assertThrows(InvalidRequestFault.class,
                () -> server.admin().moveNumber(move));
        assertEquals(FaultCode.NUMBER_ALREADY_USED, refused.getFaultInfo().getCode());
        assertNotNull(server.admin().listNumbers(new ListNumbers()).getNumber().stream()
                .filter(n -> n.getNumber().equals(INBOX)).findFirst().orElseThrow().getFirstUsedAt());
    }

    @Test
    void stopOnALongNumberEndsItsTextsUntilStart() throws Exception {
        String phone = "+15550770003";
        assertEquals("ESME_ROK", server.smsSwitch().simulator().injectMo(phone, INBOX, "Hello"));
        assertEquals("ESME_ROK", server.smsSwitch().simulator().injectMo(phone, INBOX, "stop"));
        awaitText(phone, "Demo Utility: you will get no more texts from this number. Reply START to get them again.");
        PortalSession agent = PortalSession.signIn(server.baseUrl(), "demo", "demo");
        var refused = agent.post("/portal/inbox/reply", Map.of("number", INBOX, "phone", phone,
                "text", "Are you sure?", "csrf", agent.csrf()));
        assertEquals(200, refused.statusCode());
        assertTrue(refused.body().contains(phone + " texted a quit word to " + INBOX), refused.body());

        assertEquals("ESME_ROK", server.smsSwitch().simulator().injectMo(phone, INBOX, "START"));
        awaitText(phone, "Demo Utility: you will get texts from this number again. Reply STOP to opt out.");
        assertEquals(302, agent.post("/portal/inbox/reply", Map.of("number", INBOX, "phone", phone,
                "text", "Welcome back.", "csrf", agent.csrf())).statusCode());
        awaitText(phone, "Welcome back.");
    }

    @Test
    void aSendNamingACampaignGoesFromItsNumber() throws Exception {
        var start = new org.smsswitch.api.admin.ws.StartCampaign();
        start.setAccount("demo");
        start.setName("Spring meter reading");
        start.setNumber(AUTO);
        long campaign = server.admin().startCampaign(start).getCampaignId();
        String phone = "+15550770004";
        var status = server.demo().send(campaignSend(campaign, phone, "Your meter will be read on Monday."))
                .getStatus();
        assertEquals(org.smsswitch.api.ws.ImmediateStatus.ACCEPTED, status.getImmediateStatus());
        assertEquals(AUTO, status.getShortCode(), "the status names the number it went from");
        assertEquals(AUTO, awaitText(phone, "Your meter will be read on Monday.").source());

        String stopped = "+15550770005";
        assertEquals("ESME_ROK", server.smsSwitch().simulator().injectMo(stopped, AUTO, "STOP"));
        awaitText(stopped, "Demo Utility: you will get no more texts from this number. Reply START to get them again.");
        assertEquals(org.smsswitch.api.ws.ImmediateStatus.NOT_SENT_NO_OPT_IN, server.demo()
                .send(campaignSend(campaign, stopped, "Your meter will be read on Monday.")).getStatus()
                .getImmediateStatus());

        var list = new org.smsswitch.api.ws.SendList();
        list.setCampaignId(campaign);
        list.setText("Meter reading moved to Tuesday.");
        list.getTo().addAll(List.of(phone, stopped, "+15550770008"));
        var results = server.demo().sendList(list).getResult();
        assertEquals(List.of("Queued", "Not Sent:No Opt-In", "Queued"), results.stream()
                .map(r -> r.getImmediateStatus().value()).toList());
        assertEquals(AUTO, awaitText("+15550770008", "Meter reading moved to Tuesday.").source(),
                "a list naming the campaign goes from its number too");
        awaitText(phone, "Meter reading moved to Tuesday.");

        var both = campaignSend(campaign, phone, "Both");
        both.setShortCode("55555");
        both.setKeyword("ALERTS");
        assertEquals(org.smsswitch.api.ws.FaultCode.INVALID_FIELD, org.junit.jupiter.api.Assertions.assertThrows(
                org.smsswitch.api.ws.InvalidRequestFault.class, () -> server.demo().send(both)).getFaultInfo()
                .getCode());
        var archive = new org.smsswitch.api.admin.ws.ArchiveCampaign();
        archive.setCampaignId(campaign);
        server.admin().archiveCampaign(archive);
        var archived = org.junit.jupiter.api.Assertions.assertThrows(org.smsswitch.api.ws.InvalidRequestFault.class,
                () -> server.demo().send(campaignSend(campaign, phone, "Too late")));
        assertTrue(archived.getMessage().contains("was archived"), archived.getMessage());
        var notOurs = org.junit.jupiter.api.Assertions.assertThrows(org.smsswitch.api.ws.NotFoundFault.class,
                () -> server.demo().send(campaignSend(999_999L, phone, "No such campaign")));
        assertEquals(org.smsswitch.api.ws.FaultCode.NOT_FOUND, notOurs.getFaultInfo().getCode());
    }

    @Test
    void aReleasedSingleUseNumberLeavesItsPastWithTheAccountThatHadIt() throws Exception {
        String number = "+15558770003";
        var add = new AddPoolNumbers();
        add.getNumber().add(number);
        server.admin().addPoolNumbers(add);
        provision("demo", "Customer Care", NumberKind.SINGLE_USE, number);
        var start = new org.smsswitch.api.admin.ws.StartCampaign();
        start.setAccount("demo");
        start.setName("Rate change survey");
        start.setNumber(number);
        long campaign = server.admin().startCampaign(start).getCampaignId();
        String phone = "+15550770006";
        assertEquals("ESME_ROK", server.smsSwitch().simulator().injectMo(phone, number, "Why did my rate go up?"));
        assertEquals("ESME_ROK", server.smsSwitch().simulator().injectMo(phone, number, "STOP"));
        awaitText(phone, "Demo Utility: you will get no more texts from this number. Reply START to get them again.");
        var later = campaignSend(campaign, "+15550770007", "Reminder: the survey closes Friday.");
        later.setSendTime(javax.xml.datatype.DatatypeFactory.newInstance().newXMLGregorianCalendar(
                java.util.GregorianCalendar.from(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(3))));
        String deferred = server.demo().send(later).getStatus().getMessageId();

        var archive = new org.smsswitch.api.admin.ws.ArchiveCampaign();
        archive.setCampaignId(campaign);
        server.admin().archiveCampaign(archive);
        var status = server.awaitStatus(deferred, "cancelled when due", s -> s.isFinal());
        assertEquals(org.smsswitch.api.ws.ImmediateStatus.CANCELLED, status.getImmediateStatus(),
                "a message from a number the account no longer has does not go");
        assertEquals("Number " + number + " is no longer this account's.", status.getDetail());

        otherAccount();
        var office = new CreateOffice();
        office.setAccount("gas");
        office.setOffice("Main");
        server.admin().createOffice(office);
        provision("gas", "Main", NumberKind.SINGLE_USE, number);
        var gasStart = new org.smsswitch.api.admin.ws.StartCampaign();
        gasStart.setAccount("gas");
        gasStart.setName("Gas safety week");
        gasStart.setNumber(number);
        long gasCampaign = server.admin().startCampaign(gasStart).getCampaignId();
        PortalSession gas = otherAccount();
        String thread = page(gas, "/portal/inbox/thread?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8)
                + "&phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8));
        assertFalse(thread.contains("Why did my rate go up?"), "the earlier account's conversation stays its own");
        var gasSms = org.smsswitch.testing.SoapClients.sms(server.baseUrl(), "gas", "gas-utility");
        assertEquals(org.smsswitch.api.ws.ImmediateStatus.ACCEPTED, gasSms.send(
                campaignSend(gasCampaign, phone, "Gas safety week: check your detectors.")).getStatus()
                .getImmediateStatus(), "a STOP to the earlier account does not hold against the next");
    }

    private static void provision(String account, String office, NumberKind kind, String number) throws Exception {
        ProvisionNumber p = new ProvisionNumber();
        p.setAccount(account);
        p.setOffice(office);
        p.setKind(kind);
        p.setNumber(number);
        server.admin().provisionNumber(p);
    }

    private static org.smsswitch.api.ws.Send campaignSend(long campaign, String to, String text) {
        var send = new org.smsswitch.api.ws.Send();
        send.setCampaignId(campaign);
        send.setTo(to);
        send.setText(text);
        return send;
    }

    private static String page(PortalSession session, String path) {
        try {
            return session.get(path).body();
        } catch (Exception e) {
            throw new AssertionError("GET " + path, e);
        }
    }

    private static PortalSession otherAccount() throws Exception {
        if (server.smsSwitch().accounts().find("gas").isEmpty()) {
            server.smsSwitch().accounts().create("gas", "gas-utility", "Gas Utility", org.smsswitch.account.Role.CLIENT,
                    false);
        }
        return PortalSession.signIn(server.baseUrl(), "gas", "gas-utility");
    }

    private static SmppSimulator.ReceivedSubmit awaitText(String phone, String text) {
        Await.until(Duration.ofSeconds(15), "'" + text + "' to " + phone, () -> server.textsTo(phone).contains(text));
        return server.smsSwitch().simulator().received().stream()
                .filter(r -> r.destination().equals(phone) && r.text().equals(text)).findFirst().orElseThrow();
    }
}
