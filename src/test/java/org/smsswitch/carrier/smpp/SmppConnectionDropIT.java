package org.smsswitch.carrier.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smsswitch.carrier.CarrierUnavailableException;
import org.smsswitch.carrier.OutboundSms;
import org.smsswitch.carrier.SubmitResult;
import org.smsswitch.testing.Await;

/** A connection that drops with submits in flight, against the gateway over a real socket. */
class SmppConnectionDropIT {

    private static final String SHORT_CODE = "12345";
    private static final String HANDSET = "+15550100001";
    private static final int IN_FLIGHT = 50;
    // Far longer than the test waits: callers must be released by the drop, not by a timeout.
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private final RecordingListener listener = new RecordingListener();
    private final ExecutorService callers = Executors.newFixedThreadPool(IN_FLIGHT);
    private SmppSimulator simulator;
    private SmppCarrierGateway gateway;

    @BeforeEach
    void start() {
        simulator = SmppSimulator.start(0);
        SmppBindConfig config = TestBinds.loopback(simulator.port())
                .windowSize(64)
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
        gateway = new SmppCarrierGateway(config, "sim", "route-sim", listener);
        assertTrue(gateway.start(), "bound at the first attempt");
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        simulator.releaseResponses();
        gateway.close();
        simulator.close();
    }

    @Test
    void fifty_submits_in_flight_fail_at_once_when_the_connection_drops_and_go_through_when_resubmitted()
            throws Exception {
        simulator.holdResponses();
        List<OutboundSms> messages = new ArrayList<>();
        List<Future<SubmitResult>> inFlight = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            OutboundSms sms = new OutboundSms(i, SHORT_CODE, HANDSET, "Restore notice " + i, false);
            messages.add(sms);
            inFlight.add(callers.submit(() -> gateway.submit(sms)));
        }
        Await.until(TestBinds.AWAIT, "all submits to be held", () -> simulator.heldSubmits() == IN_FLIGHT);

        long dropped = System.nanoTime();
        simulator.dropConnections();

        for (Future<SubmitResult> future : inFlight) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> future.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS));
            CarrierUnavailableException unavailable = assertInstanceOf(CarrierUnavailableException.class, e.getCause());
            assertTrue(unavailable.mayHaveReachedCarrier(), "the submit_sm was written: " + unavailable.getMessage());
            assertTrue(unavailable.acceptedSegmentIds().isEmpty());
        }
        Duration released = Duration.ofNanos(System.nanoTime() - dropped);
        assertTrue(released.compareTo(PROMPTLY) < 0, "all callers released within " + released);

        simulator.releaseResponses();
        assertTrue(gateway.awaitBound(TestBinds.AWAIT), "the gateway rebinds");
        List<Future<SubmitResult>> again = new ArrayList<>();
        for (OutboundSms sms : messages) {
            again.add(callers.submit(() -> gateway.submit(sms)));
        }
        for (Future<SubmitResult> future : again) {
            assertTrue(future.get(TestBinds.AWAIT.toMillis(), TimeUnit.MILLISECONDS).accepted());
        }
        assertEquals(IN_FLIGHT, simulator.duplicateSubmits(), "every resubmit repeats a submit the SMSC had");
        assertEquals(2 * IN_FLIGHT, simulator.receivedCount());
    }

    @Test
    void segments_accepted_before_a_drop_are_reported_with_the_failure() throws Exception {
        // The first segment's receipt comes before its response; taking it turns holding on, so the
        // first segment is answered and the second is not.
        simulator.receiptBeforeResponse("^\\+1555");
        listener.onReceipt = simulator::holdResponses;
        String text = "Planned outage on your street from 9am to 3pm for line work. ".repeat(3);

        Future<SubmitResult> submit = callers.submit(() -> gateway.submit(
                new OutboundSms(1, SHORT_CODE, HANDSET, text, true)));
        Await.until(TestBinds.AWAIT, "the second segment to be held", () -> simulator.heldSubmits() == 1);
        simulator.dropConnections();

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> submit.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS));
        CarrierUnavailableException unavailable = assertInstanceOf(CarrierUnavailableException.class, e.getCause());
        assertTrue(unavailable.mayHaveReachedCarrier());
        assertEquals(List.of(simulator.received().get(0).messageId()), unavailable.acceptedSegmentIds());
    }
}
