package org.smsswitch.carrier.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.smsswitch.testing.Await;

class ThrottleGateTest {

    private final AtomicLong now = new AtomicLong(-5_000_000_000L);
    private final ThrottleGate gate = new ThrottleGate(now::get);

    @Test
    void backoff_starts_at_200_ms_doubles_and_stops_at_5_s() {
        List<Long> millis = new ArrayList<>();
        Duration backoff = ThrottleGate.FIRST_BACKOFF;
        for (int i = 0; i < 8; i++) {
            millis.add(backoff.toMillis());
            backoff = ThrottleGate.next(backoff);
        }
        assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L), millis);
    }

    @Test
    void an_open_gate_lets_submits_go_at_once() throws InterruptedException {
        assertEquals(0, gate.delayNanos());
        assertTrue(gate.awaitOpen(now.get()));
    }

    @Test
    void a_throttle_holds_every_submit_back_until_not_before() throws InterruptedException {
        gate.throttled(Duration.ofMillis(400));

        assertEquals(TimeUnit.MILLISECONDS.toNanos(400), gate.delayNanos());
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(400));
        assertEquals(0, gate.delayNanos());
        assertTrue(gate.awaitOpen(now.get()));
        assertEquals(1, gate.throttledCount());
    }

    @Test
    void a_shorter_backoff_does_not_shorten_a_longer_one() {
        gate.throttled(Duration.ofSeconds(5));
        gate.throttled(Duration.ofMillis(200));

        assertEquals(TimeUnit.SECONDS.toNanos(5), gate.delayNanos());
        assertEquals(2, gate.throttledCount());
    }

    @Test
    void a_submit_past_its_deadline_gives_up_at_once_while_the_gate_is_closed() throws InterruptedException {
        gate.throttled(Duration.ofSeconds(5));

        assertFalse(gate.awaitOpen(now.get()));
        assertFalse(gate.awaitOpen(now.get() - 1));
    }

    @Test
    void a_submit_past_its_deadline_still_goes_when_the_gate_is_open() throws InterruptedException {
        assertTrue(gate.awaitOpen(now.get() - TimeUnit.SECONDS.toNanos(1)));
    }

    @Test
    void wake_releases_a_waiter_early() throws Exception {
        gate.throttled(Duration.ofSeconds(5));
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.awaitOpen(now.get() + TimeUnit.MINUTES.toNanos(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // The clock stands still: only a wake can end this wait (woken again until the waiter is in it).
        Await.until(Duration.ofSeconds(5), "the waiter to be woken", () -> {
            gate.wake();
            return waiter.isDone();
        });
        assertTrue(waiter.get(1, TimeUnit.SECONDS));
    }
}
