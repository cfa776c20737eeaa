package org.smsswitch.carrier.smpp;

import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What reached the simulator: when each submit_sm arrived, the ones it took (answered with an id, or
 * held), how many of those repeat an earlier one, and how many it answered as throttled. Thread-safe;
 * a clear while submits arrive may keep some of them.
 */
final class SubmitLog {

    /** What makes a submit a repeat: the same segment of the same text to the same handset. */
    private record Key(String destination, String text, int sequence) {}

    private final Queue<Instant> arrivals = new ConcurrentLinkedQueue<>();
    private final Queue<SmppSimulator.ReceivedSubmit> taken = new ConcurrentLinkedQueue<>();
    private final Set<Key> seen = ConcurrentHashMap.newKeySet();
    private final AtomicInteger takenCount = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();

    void arrived(Instant at) {
        arrivals.add(at);
    }

    void throttled() {
        throttled.incrementAndGet();
    }

    void taken(SmppSimulator.ReceivedSubmit submit) {
        int sequence = submit.concatenated().map(SmppSimulator.Concatenation::sequence).orElse(0);
        if (!seen.add(new Key(submit.destination(), submit.text(), sequence))) {
            duplicates.incrementAndGet();
        }
        taken.add(submit);
        takenCount.incrementAndGet();
    }

    List<Instant> arrivals() {
        return List.copyOf(arrivals);
    }

    List<SmppSimulator.ReceivedSubmit> taken() {
        return List.copyOf(taken);
    }

    int takenCount() {
        return takenCount.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    int throttledAnswers() {
        return throttled.get();
    }

    void clear() {
        arrivals.clear();
        taken.clear();
        seen.clear();
        takenCount.set(0);
        duplicates.set(0);
        throttled.set(0);
    }
}
