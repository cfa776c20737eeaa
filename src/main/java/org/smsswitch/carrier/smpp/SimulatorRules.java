package org.smsswitch.carrier.smpp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * How the simulator answers and reports, by destination: rejections, throttling, receipt outcomes,
 * network names and receipts sent ahead of the response. The first matching rule of a kind wins;
 * rules change while the simulator runs. Thread-safe.
 */
final class SimulatorRules {

    private record Rule<T>(Pattern destination, T value) {
        /** Whether the pattern is found in the destination (anchor it with ^ and $ as needed). */
        boolean finds(String address) {
            return destination.matcher(address).find();
        }
    }

    /** Answers {@code remaining} more matching submits (any, when the pattern is null) with {@code status}. */
    private record ThrottleRule(Pattern destination, int status, AtomicInteger remaining) {
        boolean take(String address) {
            return (destination == null || destination.matcher(address).find())
                    && remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        }
    }

    private final List<Rule<Integer>> rejections = new CopyOnWriteArrayList<>();
    private final List<ThrottleRule> throttles = new CopyOnWriteArrayList<>();
    private final List<Rule<ReceiptStat>> outcomes = new CopyOnWriteArrayList<>();
    private final List<Rule<String>> networkNames = new CopyOnWriteArrayList<>();
    private final List<Pattern> receiptsFirst = new CopyOnWriteArrayList<>();

    /** Rejects destinations the pattern matches as a whole. */
    void reject(Pattern wholeDestination, int commandStatus) {
        rejections.add(new Rule<>(wholeDestination, commandStatus));
    }

    void throttle(Pattern destination, int times, int commandStatus) {
        throttles.add(new ThrottleRule(destination, commandStatus, new AtomicInteger(times)));
    }

    void outcome(Pattern destination, ReceiptStat stat) {
        outcomes.add(new Rule<>(destination, stat));
    }

    void networkName(Pattern destination, String name) {
        networkNames.add(new Rule<>(destination, name));
    }

    void receiptBeforeResponse(Pattern destination) {
        receiptsFirst.add(destination);
    }

    OptionalInt rejection(String destination) {
        for (Rule<Integer> rule : rejections) {
            if (rule.destination().matcher(destination).matches()) {
                return OptionalInt.of(rule.value());
            }
        }
        return OptionalInt.empty();
    }

    /** The throttling status for this submit, using up one answer of the rule that gives it. */
    OptionalInt takeThrottle(String destination) {
        for (ThrottleRule rule : throttles) {
            if (rule.take(destination)) {
                return OptionalInt.of(rule.status());
            }
        }
        return OptionalInt.empty();
    }

    /** The receipt's stat for a destination; DELIVRD when no rule matches. */
    ReceiptStat outcome(String destination) {
        return first(outcomes, destination).orElse(ReceiptStat.DELIVRD);
    }

    Optional<String> networkName(String destination) {
        return first(networkNames, destination);
    }

    boolean receiptBeforeResponse(String destination) {
        return receiptsFirst.stream().anyMatch(p -> p.matcher(destination).find());
    }

    void clearRejections() {
        rejections.clear();
    }

    void clear() {
        rejections.clear();
        throttles.clear();
        outcomes.clear();
        networkNames.clear();
        receiptsFirst.clear();
    }

    private static <T> Optional<T> first(List<Rule<T>> rules, String destination) {
        return rules.stream().filter(r -> r.finds(destination)).map(Rule::value).findFirst();
    }
}
