package org.smsswitch.carrier.smpp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perSecond} tokens a second, bursts up to one second's worth. A request for
 * more tokens than the bucket holds is granted when the bucket is full and leaves it in debt, so a
 * long message is never refused for its length alone. Waits happen outside the lock.
 */
final class RateLimiter {

    private final long nanosPerToken;
    private final double capacity;
    private final LongSupplier nanoTime;

    private double tokens;
    private long refilledAt;

    RateLimiter(int perSecond, LongSupplier nanoTime) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1");
        }
        this.nanosPerToken = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.capacity = perSecond;
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.refilledAt = nanoTime.getAsLong();
    }

    /**
     * Takes {@code permits} tokens, waiting until they are there or until {@code deadlineNanos} (in
     * the clock's {@code nanoTime} terms) would pass first.
     *
     * @return whether the tokens were taken; false leaves the bucket untouched
     */
    boolean acquire(int permits, long deadlineNanos) throws InterruptedException {
        while (true) {
            long wait = tryAcquire(permits);
            if (wait == 0) {
                return true;
            }
            if (nanoTime.getAsLong() + wait - deadlineNanos > 0) {
                return false;
            }
            LockSupport.parkNanos(this, wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Gives back tokens taken but not used (up to a full bucket). */
    synchronized void refund(int permits) {
        tokens = Math.min(capacity, tokens + permits);
    }

    /** Takes the tokens and returns 0, or returns how many nanoseconds until they could be taken. */
    synchronized long tryAcquire(int permits) {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (double) (now - refilledAt) / nanosPerToken);
        refilledAt = now;
        double needed = Math.min(permits, capacity);
        if (tokens >= needed) {
            tokens -= permits;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((needed - tokens) * nanosPerToken));
    }
}
