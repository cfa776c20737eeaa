package org.smsswitch.numbers;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.smsswitch.carrier.CarrierTable;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.persistence.Transactions;

/**
 * Which carrier serves a number, and so which route a message to it takes: what the latest delivery
 * receipt for the number reported, else the carrier table that operators load (kept in the database,
 * held in memory for the send path), else nothing known (the default route).
 */
public final class CarrierDirectory {
    /** Another node may load a new table; each node reads it again this often. */
    private static final long REFRESH_SECONDS = 60;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CarrierDirectory.class);

    private final Transactions tx;
    private final AtomicReference<CarrierTable> table = new AtomicReference<>();
    private final java.util.concurrent.ScheduledExecutorService refresher;

    public CarrierDirectory(Transactions tx) {
        this.tx = tx;
        reload();
        // Its own thread, never a sender's: a reload inside a send's transaction would need a second
        // connection, and many senders at once could drain the pool.
        this.refresher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "carrier-table-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                reload();
            } catch (RuntimeException e) {
                log.warn("Could not reload the carrier table; keeping the one in memory: {}", e.toString());
            }
        }, REFRESH_SECONDS, REFRESH_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Stops the background reload. */
    public void close() {
        refresher.shutdownNow();
    }

    /** The table's entry for a number, if any prefix of it is known. */
    public Optional<CarrierTable.Entry> lookup(String e164) {
        return current().lookup(e164);
    }

    private CarrierTable current() {
        return table.get();
    }

    /** Where a message to the number goes: its carrier (if known) and that carrier's route (if any). */
    public record Destination(String carrierName, String route) {
    }

    /**
     * The carrier and route for a number: a carrier learned from receipts takes the route the table
     * gives that carrier; otherwise the number's table entry decides.
     */
    public Destination destination(Session s, String e164) {
        return destination(s.find(NumberCarrier.class, e164), e164);
    }

    /** {@link #destination} of many numbers, read together. */
    public Map<String, Destination> destinations(Session s, Collection<String> numbers) {
        Map<String, NumberCarrier> learned = new HashMap<>();
        List<String> all = List.copyOf(numbers);
        for (int from = 0; from < all.size(); from += CHUNK) {
            s.createSelectionQuery("from NumberCarrier n where n.phoneNumber in :n", NumberCarrier.class)
                    .setParameter("n", all.subList(from, Math.min(all.size(), from + CHUNK)))
                    .getResultList()
                    .forEach(n -> learned.put(n.phoneNumber(), n));
        }
        Map<String, Destination> destinations = new HashMap<>();
        for (String number : all) {
            destinations.put(number, destination(learned.get(number), number));
        }
        return destinations;
    }

    private static final int CHUNK = 1000;

    private Destination destination(NumberCarrier learned, String e164) {
        Optional<CarrierTable.Entry> entry = lookup(e164);
        if (learned != null) {
            String route = entry.filter(e -> e.carrierName().equalsIgnoreCase(learned.carrierName()))
                    .map(CarrierTable.Entry::route)
                    .orElseGet(() -> routeOfCarrier(learned.carrierName()));
            return new Destination(learned.carrierName(), route);
        }
        return entry.map(e -> new Destination(e.carrierName(), e.route())).orElse(new Destination(null, null));
    }

    /** Records the carrier a receipt reported for a number, in the caller's transaction. */
    public static void learn(Session s, String e164, String carrierName, Instant at) {
        NumberCarrier known = s.find(NumberCarrier.class, e164);
        if (known == null) {
            s.persist(new NumberCarrier(e164, carrierName, at));
        } else if (!known.carrierName().equals(carrierName)) {
            known.update(carrierName, at);
        }
    }

    private String routeOfCarrier(String carrierName) {
        return current().entries().stream()
                .filter(e -> e.carrierName().equalsIgnoreCase(carrierName) && e.route() != null)
                .map(CarrierTable.Entry::route)
                .findFirst()
                .orElse(null);
    }

    /**
     * Replaces the whole table with the given CSV ({@code prefix,carrier,route} lines).
     *
     * @return how many entries it now has
     * @throws SwitchException {@code INVALID_FIELD} naming the bad line; the old table stays
     */
    public int replace(String csv) {
        CarrierTable parsed;
        try {
            parsed = CarrierTable.parse(csv);
        } catch (IllegalArgumentException e) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "csv", e.getMessage());
        }
        for (CarrierTable.Entry entry : parsed.entries()) {
            if (entry.prefix().length() > 16 || entry.carrierName().length() > 64
                    || (entry.route() != null && entry.route().length() > 64)) {
                throw new SwitchException(ErrorCode.INVALID_FIELD, "csv", "Entry " + entry.prefix()
                        + ": a prefix has at most 16 characters, a carrier name and a route at most 64.");
            }
        }
        tx.run(s -> {
            s.createMutationQuery("delete from CarrierPrefix").executeUpdate();
            for (CarrierTable.Entry entry : parsed.entries()) {
                s.persist(new CarrierPrefix(entry.prefix(), entry.carrierName(), entry.route()));
            }
        });
        table.set(parsed);
        return parsed.entries().size();
    }

    /** Reads the table from the database again (another node may have loaded a new one). */
    public void reload() {
        List<CarrierTable.Entry> entries = tx.call(s -> s.createSelectionQuery("from CarrierPrefix", CarrierPrefix.class)
                .getResultList()
                .stream()
                .map(p -> new CarrierTable.Entry(p.prefix(), p.carrierName(), p.route()))
                .toList());
        table.set(CarrierTable.of(entries));
    }
}
