package org.smsswitch.status;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hibernate.LockMode;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;
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
    /** Carrier ids per query for early receipts: well inside every server's limit on an IN list. */
    private static final int EARLY_CHUNK = 1000;
    /** Most receipts stored in one transaction. */
    private static final int STORE_BATCH = 500;
    /** How long a carrier's receipt waits to be stored before it is refused (and sent again). */
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);
    private final BlockingQueue<Arriving> arriving = new LinkedBlockingQueue<>(20_000);
    /** Threads storing receipts: while one waits for its commit, the next batch is matched. */
    private static final int WRITERS = 2;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    public DeliveryTracker(Transactions tx, Clock clock, ReceiptStates states) {
        this.tx = tx;
        this.clock = clock;
        this.states = states;
        this.matcher = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "receipt-matcher");
            t.setDaemon(true);
            return t;
        });
        for (int i = 1; i <= WRITERS; i++) {
            Thread writer = new Thread(this::storeArriving, "receipt-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /**
     * Stores a receipt as it arrived and returns once it is committed (the carrier waits for the
     * acknowledgement, and is acknowledged only for what is stored), matched to its segment in the same
     * transaction when that is known. Receipts that arrive together are stored in one transaction.
     *
     * @throws IllegalStateException when it could not be stored: the carrier is not acknowledged and
     *     sends it again
     */
    public void receive(DeliveryReceipt receipt, String route) {
        // Cut to the columns: a receipt that cannot be stored would be refused and redelivered forever.
        ReceiptRecord record = new ReceiptRecord(route, cut(receipt.carrierMessageId(), 64),
                cut(receipt.state(), 16), cut(receipt.errorCode(), 16), cut(receipt.carrierName(), 64),
                receipt.doneTime(), clock.instant());
        CompletableFuture<Void> stored = new CompletableFuture<>();
        if (closed || !arriving.offer(new Arriving(record, stored))) {
            throw new IllegalStateException("Receipts are not taken now: the switch is stopping or overloaded");
        }
        try {
            stored.get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing a receipt", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The receipt could not be stored: " + e, e);
        }
    }

    private record Arriving(ReceiptRecord record, CompletableFuture<Void> stored) {
    }

    /**
     * Stores arriving receipts, as many in one transaction as have arrived, matching them to their
     * segments in the same transaction. When that fails (a lock clash with a send recording its
     * segments, say) they are stored as they came and matched in the background.
     */
    private void storeArriving() {
        List<Arriving> batch = new ArrayList<>();
        while (!closed || !arriving.isEmpty()) {
            try {
                Arriving first = arriving.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            arriving.drainTo(batch, STORE_BATCH - 1);
            List<ReceiptRecord> records = batch.stream().map(Arriving::record).toList();
            try {
                tx.run(s -> {
                    // A message another transaction holds is not waited for: the carrier waits for
                    // this commit. Its receipts stay unmatched here and are matched after the commit.
                    applyAll(s, records, LockMode.UPGRADE_SKIPLOCKED);
                    records.forEach(s::persist);
                });
                batch.forEach(a -> a.stored().complete(null));
                // A receipt ahead of its segment: the send recording the segment may have committed
                // since this transaction looked, and its own look for early receipts may have come
                // before this commit. Looking again now, after the commit, one of the two finds the other.
                List<ReceiptRecord> early = records.stream().filter(r -> r.matchedAt() == null).toList();
                if (!early.isEmpty()) {
                    matchWhenSegmentKnown(early);
                }
            } catch (RuntimeException e) {
                log.debug("Storing {} receipts with their matches failed, storing them alone: {}", batch.size(),
                        e.toString());
                storeUnmatched(batch);
            }
            batch.clear();
        }
    }

    private void storeUnmatched(List<Arriving> batch) {
        List<ReceiptRecord> records = batch.stream().map(a -> a.record().asArrived()).toList();
        try {
            tx.run(s -> records.forEach(s::persist));
            batch.forEach(a -> a.stored().complete(null));
            matchLater(records.stream().map(ReceiptRecord::id).toList());
        } catch (RuntimeException e) {
            log.warn("{} receipts could not be stored; their carriers send them again: {}", batch.size(),
                    e.toString());
            batch.forEach(a -> a.stored().completeExceptionally(e));
        }
    }

    /**
     * Matches, in the background, those of the stored receipts whose segments are known by now; the
     * others wait for theirs to be recorded (or for the sweep). Reads without locking, so a send
     * recording the segments this moment is not held up.
     */
    private void matchWhenSegmentKnown(List<ReceiptRecord> receipts) {
        try {
            matcher.execute(() -> {
                try {
                    Set<String> known = new HashSet<>();
                    tx.run(s -> byRoute(receipts).forEach((route, ids) -> s.createSelectionQuery("""
                                    select g.carrierMessageId from MtSegment g
                                    where g.route = :route and g.carrierMessageId in :ids""", String.class)
                            .setParameter("route", route)
                            .setParameter("ids", ids)
                            .getResultList()
                            .forEach(id -> known.add(route + "\n" + id))));
                    List<Long> matchable = receipts.stream()
                            .filter(r -> known.contains(r.route() + "\n" + r.carrierMessageId()))
                            .map(ReceiptRecord::id).toList();
                    if (!matchable.isEmpty()) {
                        matchQuietly(matchable);
                    }
                } catch (RuntimeException e) {
                    log.warn("Receipts ahead of their segments not matched now; the next sweep tries again: {}",
                            e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("{} receipts left for the next sweep", receipts.size());
        }
    }

    private static Map<String, List<String>> byRoute(List<ReceiptRecord> receipts) {
        Map<String, List<String>> ids = new HashMap<>();
        receipts.forEach(r -> ids.computeIfAbsent(r.route(), k -> new ArrayList<>()).add(r.carrierMessageId()));
        return ids;
    }

    /** Matches stored receipts in the background. */
    private void matchLater(List<Long> receiptIds) {
        try {
            matcher.execute(() -> matchQuietly(receiptIds));
        } catch (RejectedExecutionException e) {
            // Shutting down: the stored receipts are matched by the next sweep.
            log.debug("Receipts {} left for the next sweep", receiptIds);
        }
    }

    /** Records the segments the carrier accepted for a message, in the caller's transaction. */
    public List<MtSegment> accepted(Session s, MtMessage message, String route, List<String> segmentIds) {
        List<MtSegment> recorded = new ArrayList<>(segmentIds.size());
        for (int i = 0; i < segmentIds.size(); i++) {
            MtSegment segment = new MtSegment(message.id(), i + 1, route, segmentIds.get(i));
            s.persist(segment);
            recorded.add(segment);
        }
        return recorded;
    }

    /**
     * Locks the receipts that arrived before the segments the caller's transaction is about to record,
     * for {@link #applyEarly}. Read before the transaction changes anything, so that the read flushes
     * nothing. A receipt another transaction is storing at this moment is skipped, not waited for: that
     * transaction looks for its segment again once it has committed.
     */
    public List<ReceiptRecord> lockEarly(Session s, Map<String, List<String>> segmentIdsByRoute) {
        List<ReceiptRecord> early = new ArrayList<>();
        segmentIdsByRoute.forEach((route, ids) -> {
            for (int from = 0; from < ids.size(); from += EARLY_CHUNK) {
                early.addAll(earlyReceipts(s, route, ids.subList(from, Math.min(ids.size(), from + EARLY_CHUNK)))
                        .setHibernateLockMode(LockMode.UPGRADE_SKIPLOCKED)
                        .getResultList());
            }
        });
        return early;
    }

    /**
     * Applies receipts locked by {@link #lockEarly} to the segments the caller's transaction has just
     * recorded and to their messages, which it holds locked: in memory, so that each message is
     * written once with both its answer and its receipt.
     */
    public void applyEarly(Session s, List<ReceiptRecord> early, Map<Long, MtMessage> messages,
            List<MtSegment> recorded) {
        if (early.isEmpty()) {
            return;
        }
        Map<String, MtSegment> byCarrierId = new HashMap<>();
        Map<Long, List<MtSegment>> byMessage = new HashMap<>();
        for (MtSegment g : recorded) {
            byCarrierId.put(g.route() + "\n" + g.carrierMessageId(), g);
            byMessage.computeIfAbsent(g.messageId(), k -> new ArrayList<>()).add(g);
        }
        Instant now = clock.instant();
        for (ReceiptRecord receipt : early) {
            MtSegment segment = byCarrierId.get(receipt.route() + "\n" + receipt.carrierMessageId());
            if (segment != null) {
                applyTo(s, receipt, messages.get(segment.messageId()), byMessage.get(segment.messageId()), now);
            }
        }
    }

    /** Recent receipts, still unmatched, for the given carrier ids of a route: those that came early. */
    private SelectionQuery<ReceiptRecord> earlyReceipts(Session s, String route, List<String> carrierIds) {
        return s.createSelectionQuery("""
                        from ReceiptRecord r where r.route = :route and r.carrierMessageId in :ids
                        and r.matchedAt is null and r.reportedUnmatched = false and r.receivedAt >= :recent
                        order by r.id""", ReceiptRecord.class)
                .setParameter("route", route)
                .setParameter("ids", carrierIds)
                .setParameter("recent", clock.instant().minus(EARLY_WINDOW));
    }

    /**
     * Applies receipts that arrived before their segments were recorded, once those are committed;
     * in the background, so the send that recorded them is not held up or entangled in their locks.
     */
    public void matchEarly(String route, List<String> segmentIds) {
        try {
            matcher.execute(() -> {
                try {
                    List<Long> early = tx.call(s -> earlyReceipts(s, route, segmentIds).getResultList().stream()
                            .map(ReceiptRecord::id).toList());
                    if (!early.isEmpty()) {
                        matchQuietly(early);
                    }
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

    /**
     * Matches receipts together in one transaction; when that fails (a deadlock with a send recording
     * its segments, say) each is tried on its own, and what still fails is left to the next sweep.
     */
    private void matchQuietly(List<Long> receiptIds) {
        try {
            tx.run(s -> matchAll(s, receiptIds));
        } catch (RuntimeException e) {
            log.debug("Matching {} receipts together failed, one by one now: {}", receiptIds.size(), e.toString());
            for (long id : receiptIds) {
                try {
                    match(id, null);
                } catch (RuntimeException again) {
                    log.warn("Receipt {} could not be matched now; the next sweep tries again: {}", id,
                            again.toString());
                }
            }
        }
    }

    /** Matches the stored receipts that are still unmatched, reading their segments and messages together. */
    private void matchAll(Session s, List<Long> receiptIds) {
        applyAll(s, lockedUnmatched(s, receiptIds), LockMode.PESSIMISTIC_WRITE);
    }

    private static List<ReceiptRecord> lockedUnmatched(Session s, List<Long> receiptIds) {
        return s.createSelectionQuery(
                        "from ReceiptRecord r where r.id in :ids and r.matchedAt is null order by r.id",
                        ReceiptRecord.class)
                .setParameter("ids", receiptIds)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /**
     * Applies each receipt whose segment is known to it and its message, locking the messages as
     * {@code lock} says; the others (and, with SKIP LOCKED, those whose message another transaction
     * holds) stay unmatched.
     */
    private void applyAll(Session s, List<ReceiptRecord> receipts, LockMode lock) {
        if (receipts.isEmpty()) {
            return;
        }
        // Carriers reuse ids in time: the newest segment with the id is the one a receipt is for.
        Map<String, Long> owners = new HashMap<>();
        byRoute(receipts).forEach((route, ids) -> s.createSelectionQuery("""
                        select g.carrierMessageId, g.messageId from MtSegment g
                        where g.route = :route and g.carrierMessageId in :ids order by g.id""", Object[].class)
                .setParameter("route", route)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(row -> owners.put(route + "\n" + row[0], (Long) row[1])));
        Set<Long> messageIds = new HashSet<>(owners.values());
        if (messageIds.isEmpty()) {
            return;
        }
        // The messages' locks first, in id order as the dispatcher takes them: receipts for sibling
        // segments take turns, and each reads the segments as the one before left them.
        Map<Long, MtMessage> messages = new HashMap<>();
        s.createSelectionQuery("from MtMessage m where m.id in :ids order by m.id", MtMessage.class)
                .setParameter("ids", messageIds)
                .setHibernateLockMode(lock)
                .getResultList()
                .forEach(m -> messages.put(m.id(), m));
        Map<Long, List<MtSegment>> segments = new HashMap<>();
        s.createSelectionQuery("from MtSegment g where g.messageId in :ids order by g.messageId, g.seqNo",
                        MtSegment.class)
                .setParameter("ids", messageIds)
                .getResultList()
                .forEach(g -> segments.computeIfAbsent(g.messageId(), k -> new ArrayList<>()).add(g));
        Instant now = clock.instant();
        for (ReceiptRecord receipt : receipts) {
            Long messageId = owners.get(receipt.route() + "\n" + receipt.carrierMessageId());
            if (messageId != null && messages.containsKey(messageId)) {
                applyTo(s, receipt, messages.get(messageId), segments.get(messageId), now);
            }
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
        // The message lock first: receipts for sibling segments then take turns, and each reads the
        // segments as the one before left them.
        MtMessage message = s.find(MtMessage.class, messageId, LockModeType.PESSIMISTIC_WRITE);
        List<MtSegment> segments = s.createSelectionQuery(
                        "from MtSegment g where g.messageId = :m order by g.seqNo", MtSegment.class)
                .setParameter("m", message.id())
                .getResultList();
        applyTo(s, receipt, message, segments, clock.instant());
        return true;
    }

    /** Applies a receipt to its segment, one of {@code segments}, and to their message. */
    private void applyTo(Session s, ReceiptRecord receipt, MtMessage message, List<MtSegment> segments,
            Instant now) {
        MtSegment segment = segments.stream()
                .filter(g -> g.route().equals(receipt.route()) && g.carrierMessageId().equals(receipt.carrierMessageId()))
                .findFirst().orElseThrow();
        receipt.matched(segment.id(), now);
        if (message.isFinal()) {
            // A late or repeated receipt does not reopen a final status; it is kept for the record.
            return;
        }
        if (!segment.receipt(receipt.state(), receipt.error(), now)) {
            return;
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
        closed = true;
        try {
            for (Thread writer : writers) {
                writer.join(STORE_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        matcher.shutdown();
        try {
            matcher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
