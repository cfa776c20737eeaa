package org.smsswitch.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.api.admin.ws.InvalidRequestFault;
import org.smsswitch.api.admin.ws.LoadCarrierTable;
import org.smsswitch.api.ws.DeliveryStatus;
import org.smsswitch.api.ws.MessageStatus;
import org.smsswitch.carrier.smpp.SmppSimulator;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.SoapClients;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

/**
 * Two carrier routes: numbers go where the carrier table sends them, or where the last receipt said
 * their carrier is; the rest take the default route.
 */
class RoutingIT {
    @TempDir
    static Path work;
    private static TestSwitch server;
    private static final AtomicLong numbers = new AtomicLong(5_550_400_000L);

    @BeforeAll
    static void start() throws Exception {
        server = TestSwitch.start(TestDatabases.h2(work), work, Map.of("carrier.routes", "vzw",
                "carrier.route.vzw.bind-type", "TX+RX"), null);
        LoadCarrierTable table = new LoadCarrierTable();
        table.setCsv("""
                prefix,carrier,route
                # Verizon's block, over its own bind
                +1555030,Verizon Wireless,vzw
                +1555031,Sprint,
                """);
        assertEquals(2, SoapClients.admin(server.baseUrl(), "admin", "admin").loadCarrierTable(table).getEntries());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static SmppSimulator simulator() {
        return server.smsSwitch().simulator();
    }

    static String optedIn(String prefix) {
        return server.optInToAlerts(prefix + String.format("%04d", numbers.incrementAndGet() % 10_000));
    }

    static MessageStatus sendAndAwaitFinal(String number) {
        return server.awaitFinal(server.send(number, "Routing check " + System.nanoTime()).getMessageId());
    }

    static String routeTaken(String number) {
        return simulator().received().stream().filter(r -> r.destination().equals(number))
                .reduce((a, b) -> b).orElseThrow().systemId();
    }

    /** The vzw route binds TX and RX apart: its receipts come in on the receiver bind. */
    @Test
    void a_number_in_the_carrier_table_takes_its_carriers_route_and_is_delivered() throws Exception {
        Await.until(java.time.Duration.ofSeconds(10), "default TRX + vzw TX and RX bound",
                () -> simulator().boundSessions() == 3);
        String number = optedIn("+1555030");

        MessageStatus done = sendAndAwaitFinal(number);

        assertEquals("vzw", routeTaken(number));
        assertEquals(DeliveryStatus.DELIVERED, done.getDeliveryStatus());
    }

    @Test
    void a_number_whose_carrier_has_no_route_takes_the_default_route() throws Exception {
        String number = optedIn("+1555031");

        MessageStatus done = sendAndAwaitFinal(number);

        assertEquals("smsswitch", routeTaken(number));
        assertEquals(DeliveryStatus.HP_DELIVERED, done.getDeliveryStatus());
    }

    @Test
    void a_receipt_naming_the_carrier_sends_the_next_message_over_that_carriers_route() throws Exception {
        String number = optedIn("+1555032");
        simulator().carrierName("^" + java.util.regex.Pattern.quote(number) + "$", "Verizon Wireless");

        MessageStatus first = sendAndAwaitFinal(number);
        assertEquals("smsswitch", routeTaken(number));
        assertEquals(DeliveryStatus.DELIVERED, first.getDeliveryStatus());

        sendAndAwaitFinal(number);
        assertEquals("vzw", routeTaken(number));
    }

    @Test
    void a_malformed_carrier_table_is_refused_naming_the_line_and_the_old_one_stays() throws Exception {
        LoadCarrierTable bad = new LoadCarrierTable();
        bad.setCsv("+1555030,Verizon Wireless,vzw\nnot a line");
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class,
                () -> SoapClients.admin(server.baseUrl(), "admin", "admin").loadCarrierTable(bad));
        assertEquals("csv", fault.getFaultInfo().getField());

        String number = optedIn("+1555030");
        sendAndAwaitFinal(number);
        assertEquals("vzw", routeTaken(number));
    }
}
