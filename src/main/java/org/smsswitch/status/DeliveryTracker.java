package org.smsswitch.status;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.smsswitch.carrier.DeliveryReceipt;
import org.smsswitch.numbers.CarrierDirectory;
import org.smsswitch.persistence.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each accepted message to its final delivery status: records the segments a carrier
 * accepted, stores every receipt before it is acknowledged, matches receipts to segments (whichever of
 * the two arrives first), and moves the message's status as all its segments report.
 */
public final class DeliveryTracker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryTracker.class);

    private final Transactions tx;
    private final Clock clock;
    private final ReceiptStates states;
    private final ExecutorService matcher;
    /** How far back an early receipt may have arrived for a segment just recorded. */
    private static final Duration EARLY_WINDOW = Duration.ofMinutes(10);

    public DeliveryTracker(Transactions tx, Clock clock, ReceiptStates states) {
        this.tx = tx;
        this.clock = clock;
        this.states = states;
        this.matcher = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "receipt-matcher");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Stores a receipt as it arrived (quickly: the carrier waits for the acknowledgement), then matches
     * it in the background.
     */
    public void receive(DeliveryReceipt receipt, String route) {
        Instant now = clock.instant();
        long id = tx.call(s -> {
            // Cut to the columns: a receipt that cannot be stored would be refused and redelivered forever.
            ReceiptRecord record = new ReceiptRecord(route, cut(receipt.carrierMessageId(), 64),
                    cut(receipt.state(), 16), cut(receipt.errorCode(), 16), cut(receipt.carrierName(), 64),
                    receipt.doneTime(), now);
            s.persist(record);
            return record.id();
        });
        try {
            matcher.execute(() -> matchQuietly(id));
        } catch (RejectedExecutionException e) {
            // Shutting down: the stored receipt is matched by the next sweep.
            log.debug("Receipt {} left for the next sweep", id);
        }
    }

    /** Records the segments the carrier accepted for a message, in the caller's transaction. */
    public void accepted(Session s, MtMessage message, String route, List<String> segmentIds) {
        for (int i = 0; i < segmentIds.size(); i++) {
            s.persist(new MtSegment(message.id(), i + 1, route, segmentIds.get(i)));
        }
    }

    /**
     * Applies receipts that arrived before their segments were recorded, once those are committed;
     * in the background, so the send that recorded them is not held up or entangled in their locks.
     */
    public void matchEarly(String route, List<String> segmentIds) {
        try {
            matcher.execute(() -> {
                try {
                    List<Long> early = tx.call(s -> s.createSelectionQuery("""
                                    select r.id from ReceiptRecord r where r.route = :route
                                    and r.carrierMessageId in :ids and r.matchedAt is null
                                    and r.reportedUnmatched = false and r.receivedAt >= :recent
                                    order by r.receivedAt, r.id""", Long.class)
                            .setParameter("route", route)
                            .setParameter("ids", segmentIds)
                            .setParameter("recent", clock.instant().minus(EARLY_WINDOW))
                            .getResultList());
                    early.forEach(this::matchQuietly);
                } catch (RuntimeException e) {
                    log.warn("Early receipts for {} not matched now; the next sweep tries again: {}", segmentIds,
                            e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Early receipts for {} left for the next sweep", segmentIds);
        }
    }

    /** Matches every stored receipt that is still unmatched; reports those unmatched for too long. */
    public int sweep(Duration reportAfter) {
        List<Long> ids = tx.call(s -> s.createSelectionQuery(
                        """
                        select r.id from ReceiptRecord r where r.matchedAt is null and r.reportedUnmatched = false
                        order by r.receivedAt, r.id""", Long.class)
                .setMaxResults(5_000)
                .getResultList());
        int matched = 0;
        for (long id : ids) {
            if (match(id, reportAfter)) {
                matched++;
            }
        }
        return matched;
    }

    /** Receipts that matched no message, newest first: for operators. */
    public List<ReceiptRecord> unmatched(int max) {
        return tx.call(s -> s.createSelectionQuery(
                        "from ReceiptRecord r where r.matchedAt is null order by r.receivedAt desc", ReceiptRecord.class)
                .setMaxResults(max)
                .getResultList());
    }

    private void matchQuietly(long receiptId) {
        try {
            match(receiptId, null);
        } catch (RuntimeException e) {
            log.warn("Receipt {} could not be matched now; the next sweep tries again: {}", receiptId, e.toString());
        }
    }

    private boolean match(long receiptId, Duration reportAfter) {
        return tx.call(s -> {
            ReceiptRecord receipt = s.find(ReceiptRecord.class, receiptId, LockModeType.PESSIMISTIC_WRITE);
            if (receipt == null || receipt.matchedAt() != null) {
                return false;
            }
            if (apply(s, receipt)) {
                return true;
            }
            if (reportAfter != null && receipt.receivedAt().plus(reportAfter).isBefore(clock.instant())) {
                receipt.reportedUnmatched();
                log.warn("Receipt for unknown carrier message {} on route {} ({}), received {}: kept, unmatched",
                        receipt.carrierMessageId(), receipt.route(), receipt.state(), receipt.receivedAt());
            }
            return false;
        });
    }

    /** Applies a receipt to its segment and the segment's message; false when no segment has its id. */
    private boolean apply(Session s, ReceiptRecord receipt) {
        // Carriers reuse ids in time: the newest segment with the id is the one the receipt is for.
        Long messageId = s.createSelectionQuery("""
                        select g.messageId from MtSegment g where g.route = :route and g.carrierMessageId = :id
                        order by g.id desc""", Long.class)
                .setParameter("route", receipt.route())
                .setParameter("id", receipt.carrierMessageId())
                .setMaxResults(1)
                .uniqueResult();
        if (messageId == null) {
            return false;
        }
        Instant now = clock.instant();
        // The message lock first: receipts for sibling segments then take turns, and each reads the
        // segments as the one before left them.
        MtMessage message = s.find(MtMessage.class, messageId, LockModeType.PESSIMISTIC_WRITE);
        List<MtSegment> segments = s.createSelectionQuery(
                        "from MtSegment g where g.messageId = :m order by g.seqNo", MtSegment.class)
                .setParameter("m", message.id())
                .getResultList();
        MtSegment segment = segments.stream()
                .filter(g -> g.route().equals(receipt.route()) && g.carrierMessageId().equals(receipt.carrierMessageId()))
                .findFirst().orElseThrow();
        receipt.matched(segment.id(), now);
        if (message.isFinal()) {
            // A late or repeated receipt does not reopen a final status; it is kept for the record.
            return true;
        }
        if (!segment.receipt(receipt.state(), receipt.error(), now)) {
            return true;
        }
        if (receipt.carrierName() != null) {
            // The network the receipt names is the one that served the handset (ported numbers move);
            // later sends to the number follow it.
            message.carrierName(receipt.carrierName());
            CarrierDirectory.learn(s, message.destination(), receipt.carrierName(), now);
        }
        DeliveryStatus status = aggregate(segments, message.carrierName());
        if (status != message.deliveryStatus()) {
            String detail = ReceiptStates.isFailure(status) ? detail(segments) : null;
            message.delivery(status, ReceiptStates.isFinal(status), detail, now);
            s.persist(new MtStatusEvent(message, now));
        }
        return true;
    }

    /**
     * A message's status from its segments': any failure is the message's failure; delivered only
     * when every segment is; en route once any segment has moved.
     */
    DeliveryStatus aggregate(List<MtSegment> segments, String carrierName) {
        DeliveryStatus result = DeliveryStatus.AWAITING_STATUS;
        int delivered = 0;
        for (MtSegment segment : segments) {
            if (segment.receiptState() == null) {
                continue;
            }
            DeliveryStatus status = states.statusOf(segment.receiptState(), carrierName);
            if (ReceiptStates.isFailure(status)) {
                return status;
            }
            if (status == DeliveryStatus.DELIVERED || status == DeliveryStatus.HP_DELIVERED) {
                delivered++;
                result = status;
            }
            if (status == DeliveryStatus.EN_ROUTE && result == DeliveryStatus.AWAITING_STATUS) {
                result = DeliveryStatus.EN_ROUTE;
            }
        }
        if (delivered == segments.size() && !segments.isEmpty()) {
            return result;
        }
        return delivered > 0 || result == DeliveryStatus.EN_ROUTE ? DeliveryStatus.EN_ROUTE
                : DeliveryStatus.AWAITING_STATUS;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static String detail(List<MtSegment> segments) {
        for (MtSegment segment : segments) {
            String state = segment.receiptState();
            if (state != null && !state.equals("DELIVRD") && !state.equals("ACCEPTD") && !state.equals("ENROUTE")) {
                String where = segments.size() > 1 ? "segment " + segment.seqNo() + ": " : "";
                return where + state + (segment.receiptError() == null ? "" : " err " + segment.receiptError());
            }
        }
        return null;
    }

    @Override
    public void close() {
        matcher.shutdown();
        try {
            matcher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
