package org.smsswitch.carrier.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void allows_a_burst_of_one_seconds_worth_then_waits_for_refill() {
        RateLimiter limiter = new RateLimiter(10, now::get);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.tryAcquire(1));
        }
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), limiter.tryAcquire(1));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        assertEquals(0, limiter.tryAcquire(1));
    }

    @Test
    void a_request_larger_than_the_bucket_goes_when_full_and_leaves_debt() {
        RateLimiter limiter = new RateLimiter(2, now::get);
        assertEquals(0, limiter.tryAcquire(5));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(2000), limiter.tryAcquire(1), "three tokens owed, then one");
    }

    @Test
    void gives_up_without_taking_when_the_deadline_comes_first() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(1, now::get);
        assertTrue(limiter.acquire(1, now.get()));
        assertFalse(limiter.acquire(1, now.get() + TimeUnit.MILLISECONDS.toNanos(500)));
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertTrue(limiter.acquire(1, now.get()), "the refused request took nothing");
    }

    @Test
    void refunded_tokens_can_be_taken_again_but_never_overfill_the_bucket() {
        RateLimiter limiter = new RateLimiter(2, now::get);
        assertEquals(0, limiter.tryAcquire(2));
        limiter.refund(1);
        assertEquals(0, limiter.tryAcquire(1));
        limiter.refund(5);
        assertEquals(0, limiter.tryAcquire(2));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(500), limiter.tryAcquire(1), "the bucket held two, not five");
    }
}
