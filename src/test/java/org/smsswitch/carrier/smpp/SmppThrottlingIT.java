package org.smsswitch.carrier.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

/** An SMSC answering ESME_RTHROTTLED or ESME_RMSGQFUL, against the gateway over a real socket. */
class SmppThrottlingIT {

    private static final String SHORT_CODE = "12345";
    private static final String HANDSET = "+15550100001";
    private static final int RATE = 5;

    private SmppSimulator simulator;
    private SmppCarrierGateway gateway;

    @BeforeEach
    void start() {
        simulator = SmppSimulator.start(0);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        simulator.close();
    }

    @Test
    void three_throttled_answers_are_waited_out_and_the_submit_succeeds() throws Exception {
        bind(TestBinds.loopback(simulator.port()));
        simulator.throttleNext(3, "ESME_RTHROTTLED");

        SubmitResult result = gateway.submit(new OutboundSms(1, SHORT_CODE, HANDSET, "Try again", false));

        assertTrue(result.accepted());
        assertEquals(3, gateway.throttledCount());
        assertEquals(3, simulator.throttledAnswers());
        assertEquals(List.of(result.carrierMessageId()),
                simulator.received().stream().map(SmppSimulator.ReceivedSubmit::messageId).toList());
        List<Instant> times = simulator.submitTimes();
        assertEquals(4, times.size(), "the first attempt and three resubmits");
        // The backoff doubles from 200 ms; a little slack for the clock's resolution.
        List<Long> backoffs = List.of(200L, 400L, 800L);
        for (int i = 0; i < backoffs.size(); i++) {
            long gap = Duration.between(times.get(i), times.get(i + 1)).toMillis();
            assertTrue(gap >= backoffs.get(i) - 10, "resubmit " + (i + 1) + " came after " + gap + " ms");
        }
    }

    @Test
    void while_throttled_every_submit_waits_and_the_rate_limit_holds() throws Exception {
        bind(TestBinds.loopback(simulator.port()).maxMessagesPerSecond(RATE));
        simulator.throttleNext(3, "ESME_RMSGQFUL");
        int messages = 12;

        ExecutorService pool = Executors.newFixedThreadPool(messages);
        try {
            List<Future<SubmitResult>> futures = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                long reference = i;
                futures.add(pool.submit(() -> gateway.submit(
                        new OutboundSms(reference, SHORT_CODE, HANDSET, "Crowd " + reference, false))));
            }
            for (Future<SubmitResult> future : futures) {
                assertTrue(future.get(60, TimeUnit.SECONDS).accepted());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(3, gateway.throttledCount());
        assertEquals(messages, simulator.receivedCount());
        assertRateHeld(simulator.submitTimes(), RATE);
    }

    @Test
    void a_segment_throttled_for_six_response_timeouts_gives_up_as_never_sent() {
        Duration timeout = Duration.ofMillis(200);
        bind(TestBinds.loopback(simulator.port()).responseTimeout(timeout));
        simulator.throttle("^\\+1555012", 1_000, "ESME_RTHROTTLED");
        long started = System.nanoTime();

        CarrierUnavailableException e = assertThrows(CarrierUnavailableException.class,
                () -> gateway.submit(new OutboundSms(3, SHORT_CODE, "+15550120001", "Never", false)));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertFalse(e.mayHaveReachedCarrier(), "the carrier refused it");
        assertTrue(e.acceptedSegmentIds().isEmpty());
        Duration giveUp = timeout.multipliedBy(6);
        assertTrue(took.compareTo(giveUp) >= 0, "kept trying for six timeouts, gave up after " + took);
        assertTrue(took.compareTo(giveUp.plus(ThrottleGate.MAX_BACKOFF)) < 0, "then stopped, after " + took);
        // Tried at 0, 200, 600 and 1400 ms: the last backoff ran past the 1200 ms give-up.
        assertTrue(gateway.throttledCount() >= 3, "backed off 200, 400 and 800 ms at least");
        assertEquals(simulator.throttledAnswers(), gateway.throttledCount());
        assertEquals(0, simulator.receivedCount());
    }

    private void bind(SmppBindConfig.Builder config) {
        gateway = new SmppCarrierGateway(config.build(), "sim", "route-sim", null);
        assertTrue(gateway.start(), "bound at the first attempt");
    }

    /**
     * A token bucket of {@code perSecond} tokens a second and as many in a burst lets at most
     * {@code perSecond * (1 + seconds)} PDUs through in any stretch of time; one more for timing jitter
     * between the gateway's clock and the simulator's arrival times.
     */
    private static void assertRateHeld(List<Instant> arrivals, int perSecond) {
        for (int i = 0; i < arrivals.size(); i++) {
            for (int j = i + 1; j < arrivals.size(); j++) {
                double seconds = Duration.between(arrivals.get(i), arrivals.get(j)).toNanos() / 1e9;
                int pdus = j - i + 1;
                assertTrue(pdus <= perSecond * (1 + seconds) + 1,
                        pdus + " submit_sm within " + seconds + " s at " + perSecond + "/s");
            }
        }
    }
}
