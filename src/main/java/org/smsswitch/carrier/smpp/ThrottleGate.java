package org.smsswitch.carrier.smpp;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The "not before" instant of one bind: when the SMSC answers ESME_RTHROTTLED or ESME_RMSGQFUL, every
 * submit on the bind waits until it, not just the refused one, so a throttling carrier gets room.
 * Times are in the clock's {@code nanoTime} terms. Waits release the lock.
 */
final class ThrottleGate {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicLong throttled = new AtomicLong();
    private long notBefore;
    private long wakeups;

    ThrottleGate(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.notBefore = nanoTime.getAsLong();
    }

    /** The backoff after {@code current}: doubled, at most {@link #MAX_BACKOFF}. */
    static Duration next(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    /** Counts a throttle answer and keeps every submit back for {@code backoff} from now (or longer, if already so). */
    void throttled(Duration backoff) {
        throttled.incrementAndGet();
        lock.lock();
        try {
            long until = nanoTime.getAsLong() + backoff.toNanos();
            if (until - notBefore > 0) {
                notBefore = until;
            }
        } finally {
            lock.unlock();
        }
    }

    long throttledCount() {
        return throttled.get();
    }

    /** Nanoseconds until submits may go; 0 when they may now. */
    long delayNanos() {
        lock.lock();
        try {
            return Math.max(0, notBefore - nanoTime.getAsLong());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until submits may go, or until {@link #wake()} (the bind dropped: the caller looks again).
     * A wait that began before {@code giveUpAtNanos} runs to its end even past it, so a submit is
     * tried once more rather than given up early.
     *
     * @return false when {@code giveUpAtNanos} has passed and submits still may not go
     */
    boolean awaitOpen(long giveUpAtNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long seen = wakeups;
            boolean waited = false;
            while (true) {
                long now = nanoTime.getAsLong();
                long wait = notBefore - now;
                if (wait <= 0 || wakeups != seen) {
                    return true;
                }
                if (!waited && now - giveUpAtNanos >= 0) {
                    return false;
                }
                waited = true;
                changed.await(wait, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Releases every waiter (they look at the bind again). */
    void wake() {
        lock.lock();
        try {
            wakeups++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
