package org.smsswitch.send;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.Session;
import org.smsswitch.carrier.CarrierGateway;
import org.smsswitch.carrier.CarrierRoutes;
import org.smsswitch.carrier.CarrierUnavailableException;
import org.smsswitch.carrier.OutboundSms;
import org.smsswitch.carrier.SubmitResult;
import org.smsswitch.numbers.CarrierDirectory;
import org.smsswitch.optin.Keyword;
import org.smsswitch.persistence.Transactions;
import org.smsswitch.status.DeliveryTracker;
import org.smsswitch.status.ImmediateStatus;
import org.smsswitch.status.MtMessage;
import org.smsswitch.status.MtSegment;
import org.smsswitch.status.MtStatusEvent;
import org.smsswitch.status.ReceiptRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a claimed message to the carrier that serves its number and records the answer: accepted
 * (with its segments, for their receipts), rejected, or, when the connection is lost, resubmitted and
 * counted, or put back in the queue.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int ACCEPT_ATTEMPTS = 5;
    /** When a queued message is tried again after its carrier could not take it. */
    static final Duration QUEUED_RETRY = Duration.ofSeconds(30);
    /** Ids per claim renewal statement: well inside every server's limit on an IN list. */
    private static final int RENEW_CHUNK = 1000;

    private final Transactions tx;
    private final CarrierRoutes routes;
    private final Map<String, String> routeCarrierNames;
    private final DeliveryTracker tracker;
    private final CarrierDirectory carriers;
    private final Clock clock;
    private final Duration resubmitWait;
    private final String node;
    private final Duration lease;
    /** Queued messages' submits, many at once: each waits for its carrier's answer. */
    private final ExecutorService submitters;
    /** Messages this node is sending now, whose claims it keeps alive until their answers are recorded. */
    private final Set<Long> sending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer;

    /**
     * @param routeCarrierNames the carrier behind each route, where one is configured
     * @param resubmitWait how long a direct send waits for a lost carrier connection to come back
     * @param node this node's name, on the messages it claims
     * @param lease how long a claim holds before another node may take the message over
     * @param parallelism how many queued messages' submits may wait for their answers at once
     */
    public Dispatcher(Transactions tx, CarrierRoutes routes, Map<String, String> routeCarrierNames,
            DeliveryTracker tracker, CarrierDirectory carriers, Clock clock, Duration resubmitWait, String node,
            Duration lease, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        AtomicInteger threads = new AtomicInteger();
        this.submitters = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "queue-submit-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.tx = tx;
        this.routes = routes;
        this.routeCarrierNames = Map.copyOf(routeCarrierNames);
        this.tracker = tracker;
        this.carriers = carriers;
        this.clock = clock;
        this.resubmitWait = resubmitWait;
        this.node = node;
        this.lease = lease;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "queue-claim-renewal");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, lease.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewClaims, every, every, TimeUnit.MILLISECONDS);
    }

    /** Claims a message that is about to be sent by the request that created it. */
    void claimForDirectSend(MtMessage message) {
        message.claim(node, clock.instant().plus(lease));
    }

    public String node() {
        return node;
    }

    public Duration lease() {
        return lease;
    }

    private record Path(String source, String route, String carrierName) {
    }

    /**
     * Sends one claimed message whose client waits for the answer. When the carrier connection is lost
     * it waits up to the resubmit wait for it, then reports "Not Sent:Carrier Unavailable".
     */
    void dispatchDirect(long id) {
        MtMessage queued = tx.call(s -> {
            MtMessage m = s.find(MtMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (m == null || m.immediateStatus() != ImmediateStatus.QUEUED || !node.equals(m.claimedBy())) {
                return null;
            }
            // A fresh lease from the moment the submit starts.
            m.claim(node, clock.instant().plus(lease));
            return m;
        });
        if (queued == null) {
            return;
        }
        sending.add(id);
        try {
            sendDirect(queued);
        } finally {
            sending.remove(id);
        }
    }

    private void sendDirect(MtMessage queued) {
        Path path = tx.call(s -> {
            String source = queued.sourceNumber() != null ? queued.sourceNumber()
                    : s.createSelectionQuery("select c.code from ShortCode c where c.id = :id", String.class)
                            .setParameter("id", queued.shortCodeId()).getSingleResult();
            return path(source, carriers.destination(s, queued.destination()));
        });
        String source = path.source();
        String route = path.route();
        CarrierGateway carrier = routes.gateway(route);
        OutboundSms sms = new OutboundSms(queued.id(), source, queued.destination(), queued.body(), true);
        long deadline = System.nanoTime() + resubmitWait.toNanos();
        int resubmissions = 0;
        boolean inDoubt = false;
        SubmitResult result;
        while (true) {
            try {
                result = carrier.submit(sms);
                break;
            } catch (CarrierUnavailableException e) {
                inDoubt |= e.mayHaveReachedCarrier();
                long left = deadline - System.nanoTime();
                if (left <= 0 || !awaitBound(carrier, Duration.ofNanos(left))) {
                    String detail = inDoubt
                            ? "Connection to the carrier lost with the message in flight; it may have been delivered"
                            : e.getMessage();
                    log.warn("Message {} not sent: {}", queued.id(), detail);
                    update(queued.id(), m -> m.refuse(ImmediateStatus.NOT_SENT_CARRIER_UNAVAILABLE, detail,
                            clock.instant()));
                    return;
                }
                if (e.mayHaveReachedCarrier()) {
                    // The carrier may already have it: submitting again may deliver it twice, and says so.
                    resubmissions++;
                    log.warn("Message {} resubmitted after the carrier connection was lost in flight", queued.id());
                }
            }
        }
        record(List.of(new Outcome(queued.id(), path, result, resubmissions, false, null)));
    }

    /**
     * Claims queued messages and sends them, together: one transaction takes the claim ({@code claim}
     * locks the messages and marks them this node's) and checks the carrier rules again for all of them
     * (a STOP since queueing, the limit); the submits go out in parallel, their claims kept alive while
     * they wait; one transaction records what the carriers answered. A message whose carrier connection
     * is down goes back to the queue for a later try.
     *
     * @return how many messages were claimed
     */
    public int dispatchQueued(Function<Session, List<MtMessage>> claim) {
        Prepared prepared = tx.call(s -> {
            List<MtMessage> claimed = claim.apply(s);
            return new Prepared(claimed.size(), prepare(s, claimed));
        });
        List<Ready> ready = prepared.ready();
        List<Long> ids = ready.stream().map(r -> r.sms().reference()).toList();
        sending.addAll(ids);
        try {
            List<CompletableFuture<Outcome>> submits = new ArrayList<>(ready.size());
            for (Ready r : ready) {
                submits.add(CompletableFuture.supplyAsync(() -> submitQueued(r), submitters));
            }
            List<Outcome> outcomes = new ArrayList<>(submits.size());
            for (CompletableFuture<Outcome> f : submits) {
                outcomes.add(f.join());
            }
            record(outcomes);
        } finally {
            ids.forEach(sending::remove);
        }
        return prepared.claimed();
    }

    private record Prepared(int claimed, List<Ready> ready) {
    }

    /** A claimed message that passed the rules, with where it goes. */
    private record Ready(OutboundSms sms, Path path) {
    }

    /**
     * What became of a submit: the carrier's answer, or (result null) no connection took it; {@code
     * lostInFlight} when that connection dropped with the submit unanswered.
     */
    private record Outcome(long id, Path path, SubmitResult result, int resubmitted, boolean lostInFlight,
            String unavailable) {
    }

    /** The rules again for claimed messages, in the claim's transaction: those that pass, with their paths. */
    private List<Ready> prepare(Session s, List<MtMessage> claimed) {
        if (claimed.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<Long, List<MtMessage>> byKeyword = new LinkedHashMap<>();
        List<MtMessage> fromNumbers = new ArrayList<>();
        for (MtMessage m : claimed) {
            if (m.keywordId() != null) {
                byKeyword.computeIfAbsent(m.keywordId(), k -> new ArrayList<>()).add(m);
            }
            if (m.sourceNumber() != null) {
                fromNumbers.add(m);
            }
        }
        Map<Long, SendRules.Verdict> verdicts = new HashMap<>();
        byKeyword.forEach((keywordId, messages) -> verdicts.putAll(
                SendRules.checkAtDequeue(s, s.find(Keyword.class, keywordId), messages, now)));
        verdicts.putAll(SendRules.checkFromNumbers(s, fromNumbers));
        List<MtMessage> sending = new ArrayList<>(claimed.size());
        for (MtMessage m : claimed) {
            SendRules.Verdict verdict = verdicts.get(m.id());
            if (verdict == null) {
                sending.add(m);
            } else {
                m.refuse(verdict.status(), verdict.detail(), now);
                s.persist(new MtStatusEvent(m, now));
            }
        }
        if (sending.isEmpty()) {
            return List.of();
        }
        Map<Long, String> codes = new HashMap<>();
        List<Long> shortCodeIds = sending.stream().map(MtMessage::shortCodeId).filter(java.util.Objects::nonNull)
                .distinct().toList();
        if (!shortCodeIds.isEmpty()) {
            s.createSelectionQuery("select c.id, c.code from ShortCode c where c.id in :ids", Object[].class)
                    .setParameter("ids", shortCodeIds)
                    .getResultList()
                    .forEach(r -> codes.put((Long) r[0], (String) r[1]));
        }
        Map<String, CarrierDirectory.Destination> destinations = carriers.destinations(s,
                sending.stream().map(MtMessage::destination).distinct().toList());
        List<Ready> ready = new ArrayList<>(sending.size());
        for (MtMessage m : sending) {
            String source = m.sourceNumber() != null ? m.sourceNumber() : codes.get(m.shortCodeId());
            ready.add(new Ready(new OutboundSms(m.id(), source, m.destination(), m.body(), true),
                    path(source, destinations.get(m.destination()))));
        }
        return ready;
    }

    private Path path(String source, CarrierDirectory.Destination destination) {
        String route = routes.resolve(destination.route());
        String carrierName = destination.carrierName() != null ? destination.carrierName()
                : routeCarrierNames.get(route);
        return new Path(source, route, carrierName);
    }

    private Outcome submitQueued(Ready r) {
        try {
            return new Outcome(r.sms().reference(), r.path(), routes.gateway(r.path().route()).submit(r.sms()), 0,
                    false, null);
        } catch (CarrierUnavailableException e) {
            return new Outcome(r.sms().reference(), r.path(), null, 0, e.mayHaveReachedCarrier(), e.getMessage());
        }
    }

    /**
     * Records what the carriers answered, in one transaction, retried when it fails on a lock (a
     * deadlock or a wait timeout): a message the carrier took must not be left looking unsent.
     */
    private void record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        Map<Long, Outcome> byId = new HashMap<>();
        outcomes.forEach(o -> byId.put(o.id(), o));
        Map<String, List<String>> acceptedByRoute = new HashMap<>();
        for (Outcome o : outcomes) {
            if (o.result() != null && o.result().accepted()) {
                acceptedByRoute.computeIfAbsent(o.path().route(), r -> new ArrayList<>())
                        .addAll(o.result().segmentIds());
            }
        }
        for (int attempt = 1; ; attempt++) {
            // Receipts that came before the answers are applied with them, in the same transaction;
            // after a failure the answers are recorded alone.
            boolean withReceipts = attempt == 1;
            try {
                tx.run(s -> {
                    Instant now = clock.instant();
                    List<MtMessage> messages = s.createSelectionQuery(
                                    "from MtMessage m where m.id in :ids order by m.id", MtMessage.class)
                            .setParameter("ids", byId.keySet())
                            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                            .getResultList();
                    // Read before anything changes: the read flushes nothing, and each message is
                    // then written once, with its answer and its receipt.
                    List<ReceiptRecord> early = withReceipts ? tracker.lockEarly(s, acceptedByRoute) : List.of();
                    Map<Long, MtMessage> recorded = new HashMap<>();
                    List<MtSegment> segments = new ArrayList<>();
                    for (MtMessage m : messages) {
                        if (m.immediateStatus() == ImmediateStatus.QUEUED && node.equals(m.claimedBy())) {
                            segments.addAll(apply(s, m, byId.get(m.id()), now));
                            recorded.put(m.id(), m);
                        } else {
                            // This node lost its claim (it could not renew it for a whole lease) and
                            // another took the message over: what that node records stands.
                            log.warn("Message {} is no longer this node's ({}, claimed by {}); the carrier's"
                                    + " answer to this node is not recorded", m.id(), m.immediateStatus().label(),
                                    m.claimedBy());
                        }
                    }
                    tracker.applyEarly(s, early, recorded, segments);
                });
                break;
            } catch (RuntimeException e) {
                if (attempt >= ACCEPT_ATTEMPTS) {
                    log.error("The carrier's answers for {} messages could not be recorded", outcomes.size(), e);
                    throw e;
                }
                log.warn("Recording the carrier's answers for {} messages failed (attempt {}), retrying: {}",
                        outcomes.size(), attempt, e.toString());
            }
        }
        // Receipts committed while this transaction ran, which it could not see.
        acceptedByRoute.forEach(tracker::matchEarly);
    }

    /** Records one answer; returns the segments the carrier accepted. */
    private List<MtSegment> apply(Session s, MtMessage m, Outcome o, Instant now) {
        int resubmitted = o.resubmitted() + (o.result() == null && o.lostInFlight() ? 1 : 0);
        for (int i = 0; i < resubmitted; i++) {
            m.resubmitted(now);
        }
        SubmitResult done = o.result();
        if (done == null) {
            // Back to the queue for a later try; a submit lost in flight makes that try a
            // resubmission, and the message says so. No status event: the status has not changed, and
            // a long outage would fill the history.
            Instant retry = now.plus(QUEUED_RETRY);
            log.info("Message {} stays queued until {}: {}", m.id(), retry, o.unavailable());
            m.release(retry, now);
            return List.of();
        }
        if (done.accepted()) {
            m.accepted(o.path().route(), o.path().carrierName(), done.carrierMessageId(), done.segments(), now);
            s.persist(new MtStatusEvent(m, now));
            return tracker.accepted(s, m, o.path().route(), done.segmentIds());
        } else {
            log.info("Message {} rejected by the carrier: {}", m.id(), done.errorName());
            List<String> partial = done.segmentIds();
            // Segments accepted before a later one was refused are on their way to the handset: say so,
            // and keep their ids so their receipts are matched, not reported as unknown.
            String detail = partial.isEmpty() ? done.errorName()
                    : done.errorName() + " on segment " + (partial.size() + 1) + " of " + done.segments() + "; "
                            + partial.size() + " earlier segment(s) were accepted";
            m.rejected(detail, done.segments(), now);
            s.persist(new MtStatusEvent(m, now));
            return partial.isEmpty() ? List.of() : tracker.accepted(s, m, o.path().route(), partial);
        }
    }

    /**
     * Extends the claims of the messages this node is sending, so that a submit that waits long for its
     * carrier (throttling, a slow bind) is not taken over and sent again by another node. A node that
     * stops renews nothing: its claims run out within the lease. Runs every third of the lease.
     */
    public void renewClaims() {
        // In id order, as every other transaction locks messages.
        List<Long> ids = sending.stream().sorted().toList();
        if (ids.isEmpty()) {
            return;
        }
        try {
            tx.run(s -> {
                Instant until = clock.instant().plus(lease);
                for (int from = 0; from < ids.size(); from += RENEW_CHUNK) {
                    s.createMutationQuery("""
                                    update MtMessage m set m.claimUntil = :until
                                    where m.id in :ids and m.claimedBy = :node
                                    and m.immediateStatus = org.smsswitch.status.ImmediateStatus.QUEUED""")
                            .setParameter("until", until)
                            .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + RENEW_CHUNK)))
                            .setParameter("node", node)
                            .executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            log.warn("Renewing the claims of {} messages being sent failed; next try in {} s: {}", ids.size(),
                    lease.toSeconds() / 3, e.toString());
        }
    }

    private static boolean awaitBound(CarrierGateway carrier, Duration timeout) {
        try {
            return carrier.awaitBound(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void update(long id, Consumer<MtMessage> change) {
        tx.run(s -> {
            MtMessage m = s.find(MtMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
            change.accept(m);
            s.persist(new MtStatusEvent(m, m.updatedAt()));
        });
    }

    /** Lets submits under way finish, for at most the resubmit wait. */
    @Override
    public void close() {
        renewer.shutdownNow();
        submitters.shutdown();
        try {
            submitters.awaitTermination(resubmitWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
