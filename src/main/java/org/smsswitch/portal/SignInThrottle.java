package org.smsswitch.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins counted per username and per address: after {@link #MAX_FAILURES} within {@link
 * #WINDOW}, that username (or address) waits until the oldest of them is out of the window. Per node.
 */
public final class SignInThrottle {
    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the username or address must wait before it may try again; empty when it may now. */
    public Optional<Duration> wait(String username, String address) {
        Instant now = clock.instant();
        Optional<Duration> byName = waitFor("user " + username.toLowerCase(java.util.Locale.ROOT), now);
        Optional<Duration> byAddress = waitFor("address " + address, now);
        if (byName.isPresent() && byAddress.isPresent()) {
            return Optional.of(byName.get().compareTo(byAddress.get()) > 0 ? byName.get() : byAddress.get());
        }
        return byName.isPresent() ? byName : byAddress;
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {"user " + username.toLowerCase(java.util.Locale.ROOT), "address " + address}) {
            Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                prune(times, now);
                times.addLast(now);
            }
        }
    }

    public void succeeded(String username) {
        failures.remove("user " + username.toLowerCase(java.util.Locale.ROOT));
    }

    private Optional<Duration> waitFor(String key, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < MAX_FAILURES) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, times.peekFirst().plus(WINDOW)));
        }
    }

    private static void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
            times.pollFirst();
        }
    }
}
