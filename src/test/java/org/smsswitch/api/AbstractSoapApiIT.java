package org.smsswitch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smsswitch.api.admin.ws.AdminPortType;
import org.smsswitch.api.admin.ws.CreateAccount;
import org.smsswitch.api.admin.ws.CreateKeyword;
import org.smsswitch.api.admin.ws.Role;
import org.smsswitch.api.ws.DeliveryStatus;
import org.smsswitch.api.ws.FaultCode;
import org.smsswitch.api.ws.GetStatus;
import org.smsswitch.api.ws.ImmediateStatus;
import org.smsswitch.api.ws.InvalidRequestFault;
import org.smsswitch.api.ws.MessageStatus;
import org.smsswitch.api.ws.NotFoundFault;
import org.smsswitch.api.ws.Send;
import org.smsswitch.api.ws.SmsPortType;
import org.smsswitch.carrier.smpp.SmppSimulator;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.SoapClients;
import org.smsswitch.testing.TestSwitch;

/**
 * The client and admin SOAP APIs over HTTP, through clients generated from the WSDL, against the
 * switch with its demo data and the built-in SMPP simulator. Subclasses choose the database.
 */
abstract class AbstractSoapApiIT {

    abstract TestSwitch server();

    private SmsPortType demo() {
        return SoapClients.sms(server().baseUrl(), "demo", "demo");
    }

    private AdminPortType admin() {
        return SoapClients.admin(server().baseUrl(), "admin", "admin");
    }

    static Send send(String to, String text) {
        Send send = new Send();
        send.setShortCode("55555");
        send.setKeyword("ALERTS");
        send.setTo(to);
        send.setText(text);
        return send;
    }

    long messageCount() {
        return server().smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .createSelectionQuery("select count(m) from MtMessage m", Long.class).getSingleResult());
    }

    String optedInNumber() {
        return server().optInToAlerts("+1555" + (1_000_000 + (long) (Math.random() * 8_999_999)));
    }

    @Test
    void send_to_an_opted_in_number_is_accepted_by_the_carrier() throws Exception {
        SmppSimulator simulator = server().smsSwitch().simulator();
        String text = "Power restored on Main St. " + System.nanoTime();

        MessageStatus status = demo().send(send("+15550100001", text)).getStatus();

        assertFalse(status.getMessageId().isBlank());
        assertEquals(ImmediateStatus.ACCEPTED, status.getImmediateStatus());
        // The simulator's receipt may already have arrived.
        assertTrue(List.of(DeliveryStatus.AWAITING_STATUS, DeliveryStatus.HP_DELIVERED)
                .contains(status.getDeliveryStatus()), status.getDeliveryStatus().value());
        assertEquals("+15550100001", status.getTo());
        assertEquals(1, status.getSegments());
        assertNotNull(status.getImmediateStatusTime());
        Await.until(Duration.ofSeconds(5), "the simulator to record the submit", () -> simulator.received().stream()
                .anyMatch(r -> r.text().equals(text) && r.destination().equals("+15550100001")
                        && r.source().equals("55555")));
    }

    @Test
    void get_status_returns_the_message_that_send_returned() throws Exception {
        MessageStatus sent = demo().send(send("+15550100001", "Bill due on the 5th")).getStatus();
        GetStatus get = new GetStatus();
        get.getMessageId().add(sent.getMessageId());

        List<MessageStatus> statuses = demo().getStatus(get).getStatus();

        assertEquals(1, statuses.size());
        assertEquals(sent.getMessageId(), statuses.get(0).getMessageId());
        assertEquals(sent.getImmediateStatus(), statuses.get(0).getImmediateStatus());
        assertEquals("ALERTS", statuses.get(0).getKeyword());
        assertEquals("55555", statuses.get(0).getShortCode());
    }

    @Test
    void another_account_asking_for_a_message_gets_not_found() throws Exception {
        String username = "other" + System.nanoTime();
        CreateAccount create = new CreateAccount();
        create.setUsername(username);
        create.setPassword("other-secret");
        create.setRole(Role.CLIENT);
        admin().createAccount(create);
        MessageStatus sent = demo().send(send("+15550100001", "Private")).getStatus();
        GetStatus get = new GetStatus();
        get.getMessageId().add(sent.getMessageId());

        NotFoundFault fault = assertThrows(NotFoundFault.class,
                () -> SoapClients.sms(server().baseUrl(), username, "other-secret").getStatus(get));
        assertEquals(FaultCode.NOT_FOUND, fault.getFaultInfo().getCode());
    }

    @Test
    void a_wrong_password_or_no_token_is_a_soap_fault() {
        assertThrows(SOAPFaultException.class,
                () -> SoapClients.sms(server().baseUrl(), "demo", "wrong").send(send("+15550100001", "x")));
        assertThrows(SOAPFaultException.class,
                () -> SoapClients.sms(server().baseUrl(), "nobody", "demo").send(send("+15550100001", "x")));
        assertThrows(SOAPFaultException.class,
                () -> SoapClients.smsWithoutToken(server().baseUrl()).send(send("+15550100001", "x")));
    }

    @Test
    void a_number_without_opt_in_is_not_sent() throws Exception {
        MessageStatus status = demo().send(send("+15550109999", "Hello")).getStatus();

        assertEquals(ImmediateStatus.NOT_SENT_NO_OPT_IN, status.getImmediateStatus());
        assertEquals(DeliveryStatus.NOT_SENT, status.getDeliveryStatus());
        assertTrue(status.isFinal());
        assertTrue(server().smsSwitch().simulator().received().stream()
                .noneMatch(r -> r.destination().equals("+15550109999")));
    }

    @Test
    void the_fifth_message_in_a_month_exceeds_the_limit_of_four() throws Exception {
        String number = optedInNumber();
        for (int i = 1; i <= 4; i++) {
            assertEquals(ImmediateStatus.ACCEPTED, demo().send(send(number, "Alert " + i)).getStatus()
                    .getImmediateStatus());
        }
        MessageStatus fifth = demo().send(send(number, "Alert 5")).getStatus();

        assertEquals(ImmediateStatus.NOT_SENT_MSG_LIMIT_EXCEEDED, fifth.getImmediateStatus());
        assertTrue(fifth.isFinal());
    }

    @Test
    void bad_input_is_a_specific_fault_and_writes_nothing() throws Exception {
        long before = messageCount();
        assertInvalid(FaultCode.INVALID_PHONE_NUMBER, "to", send("555-CALL-NOW", "Hi"));
        Send unknownShortCode = send("+15550100001", "Hi");
        unknownShortCode.setShortCode("99999");
        assertInvalid(FaultCode.UNKNOWN_SHORT_CODE, "shortCode", unknownShortCode);
        Send unknownKeyword = send("+15550100001", "Hi");
        unknownKeyword.setKeyword("NOPE");
        assertInvalid(FaultCode.UNKNOWN_KEYWORD, "keyword", unknownKeyword);
        assertInvalid(FaultCode.MESSAGE_TOO_LONG, "text", send("+15550100001", "x".repeat(153 * 6 + 1)));
        assertInvalid(FaultCode.EMPTY_MESSAGE, "text", send("+15550100001", "  "));
        assertInvalid(FaultCode.MISSING_FIELD, "to", send(null, "Hi"));
        assertEquals(before, messageCount());
    }

    private void assertInvalid(FaultCode code, String field, Send send) {
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> demo().send(send));
        assertEquals(code, fault.getFaultInfo().getCode(), fault.getMessage());
        assertEquals(field, fault.getFaultInfo().getField());
        assertFalse(fault.getFaultInfo().getMessage().isBlank());
    }

    @Test
    void a_six_segment_message_is_accepted_as_six_segments() throws Exception {
        MessageStatus status = demo().send(send("+15550100001", "y".repeat(153 * 6))).getStatus();
        assertEquals(ImmediateStatus.ACCEPTED, status.getImmediateStatus());
        assertEquals(6, status.getSegments());
    }

    @Test
    void only_operators_use_the_admin_service() {
        CreateAccount create = new CreateAccount();
        create.setUsername("sneaky");
        create.setPassword("sneaky");
        create.setRole(Role.OPERATOR);
        var fault = assertThrows(org.smsswitch.api.admin.ws.AccessDeniedFault.class,
                () -> SoapClients.admin(server().baseUrl(), "demo", "demo").createAccount(create));
        assertEquals(org.smsswitch.api.admin.ws.FaultCode.ACCESS_DENIED, fault.getFaultInfo().getCode());
    }

    @Test
    void keyword_registration_refuses_reserved_words_and_non_compliant_messages() {
        CreateKeyword stop = keyword("stop", "Thanks. Msg&Data rates may apply. Max 2 msgs/mo. STOP2Quit, HELP4More");
        var reserved = assertThrows(org.smsswitch.api.admin.ws.InvalidRequestFault.class,
                () -> admin().createKeyword(stop));
        assertEquals(org.smsswitch.api.admin.ws.FaultCode.RESERVED_WORD, reserved.getFaultInfo().getCode());

        CreateKeyword noRates = keyword("BILLS", "Thanks for joining. Max 2 msgs/mo. STOP2Quit, HELP4More");
        var nonCompliant = assertThrows(org.smsswitch.api.admin.ws.InvalidRequestFault.class,
                () -> admin().createKeyword(noRates));
        assertEquals(org.smsswitch.api.admin.ws.FaultCode.NON_COMPLIANT_MESSAGE,
                nonCompliant.getFaultInfo().getCode());
        assertTrue(nonCompliant.getFaultInfo().getMessage().contains("Msg&Data rates may apply"),
                nonCompliant.getFaultInfo().getMessage());
    }

    @Test
    void an_operator_sets_up_a_client_who_then_sends() throws Exception {
        String user = "utility" + System.nanoTime() % 1_000_000;
        CreateAccount create = new CreateAccount();
        create.setUsername(user);
        create.setPassword("s3cret-pass");
        create.setRole(Role.CLIENT);
        admin().createAccount(create);
        CreateKeyword bills = keyword("B" + System.nanoTime() % 1_000_000,
                "Thanks for joining Bills. Msg&Data rates may apply. Max 2 msgs/mo. STOP2Quit, HELP4More");
        bills.setAccount(user);
        bills.setOptInRequired(false);
        admin().createKeyword(bills);
        Send send = send("+15550100123", "Your bill is ready");
        send.setKeyword(bills.getKeyword());

        MessageStatus status = SoapClients.sms(server().baseUrl(), user, "s3cret-pass").send(send).getStatus();

        assertEquals(ImmediateStatus.ACCEPTED, status.getImmediateStatus());
        // The demo account cannot use the new client's keyword.
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> demo().send(send));
        assertEquals(FaultCode.UNKNOWN_KEYWORD, fault.getFaultInfo().getCode());
    }

    private static CreateKeyword keyword(String word, String welcome) {
        CreateKeyword k = new CreateKeyword();
        k.setShortCode("55555");
        k.setKeyword(word);
        k.setAccount("demo");
        k.setServiceName("Bills");
        k.setRecurring(true);
        k.setMaxMessages(2);
        k.setPeriod(org.smsswitch.api.admin.ws.Period.MONTH);
        k.setOptInRequired(true);
        k.setWelcomeText(welcome);
        k.setHelpText("Bills: Max 2 msgs/mo. Help at example.com/bills");
        k.setQuitText("This message confirms that you have quit Bills. No more messages will be sent. HELP4More");
        return k;
    }
}
