package org.smsswitch.send;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
import org.smsswitch.status.MtStatusEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a claimed message to the carrier that serves its number and records the answer: accepted
 * (with its segments, for their receipts), rejected, or, when the connection is lost, resubmitted and
 * counted, or put back in the queue.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int ACCEPT_ATTEMPTS = 5;
    /** When a queued message is tried again after its carrier could not take it. */
    static final Duration QUEUED_RETRY = Duration.ofSeconds(30);

    private final Transactions tx;
    private final CarrierRoutes routes;
    private final Map<String, String> routeCarrierNames;
    private final DeliveryTracker tracker;
    private final CarrierDirectory carriers;
    private final Clock clock;
    private final Duration resubmitWait;
    private final String node;
    private final Duration lease;

    /**
     * @param routeCarrierNames the carrier behind each route, where one is configured
     * @param resubmitWait how long a direct send waits for a lost carrier connection to come back
     * @param node this node's name, on the messages it claims
     * @param lease how long a claim holds before another node may take the message over
     */
    public Dispatcher(Transactions tx, CarrierRoutes routes, Map<String, String> routeCarrierNames,
            DeliveryTracker tracker, CarrierDirectory carriers, Clock clock, Duration resubmitWait, String node,
            Duration lease) {
        this.tx = tx;
        this.routes = routes;
        this.routeCarrierNames = Map.copyOf(routeCarrierNames);
        this.tracker = tracker;
        this.carriers = carriers;
        this.clock = clock;
        this.resubmitWait = resubmitWait;
        this.node = node;
        this.lease = lease;
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
     * Sends one claimed message. When the carrier connection is lost, a direct send (its client is
     * waiting) waits up to the resubmit wait for it, then reports "Not Sent:Carrier Unavailable"; a
     * queued one goes back to the queue for a later try instead.
     */
    public void dispatch(long id, boolean direct) {
        MtMessage queued = tx.call(s -> {
            MtMessage m = s.find(MtMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (m == null || m.immediateStatus() != ImmediateStatus.QUEUED) {
                return null;
            }
            Instant now = clock.instant();
            if (!node.equals(m.claimedBy())) {
                // Its claim ran out while it waited here and another node took it: that node sends it.
                log.info("Message {} is now sent by {}, not here", id, m.claimedBy());
                return null;
            }
            // A fresh lease from the moment the submit starts, however long it waited in its batch.
            m.claim(node, now.plus(lease));
            if (!direct && m.keywordId() != null) {
                SendRules.Verdict verdict = SendRules.checkAtDequeue(s, s.find(Keyword.class, m.keywordId()),
                        m.destination(), now);
                if (verdict != null) {
                    m.refuse(verdict.status(), verdict.detail(), now);
                    s.persist(new MtStatusEvent(m, now));
                    return null;
                }
            }
            return m;
        });
        if (queued == null) {
            return;
        }
        Path path = tx.call(s -> {
            String source = s.createSelectionQuery("select c.code from ShortCode c where c.id = :id", String.class)
                    .setParameter("id", queued.shortCodeId()).getSingleResult();
            CarrierDirectory.Destination destination = carriers.destination(s, queued.destination());
            String route = routes.resolve(destination.route());
            String carrierName = destination.carrierName() != null ? destination.carrierName()
                    : routeCarrierNames.get(route);
            return new Path(source, route, carrierName);
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
                if (!direct) {
                    // Back to the queue for a later try; a submit lost in flight makes that try a
                    // resubmission, and the message says so.
                    Instant retry = clock.instant().plus(QUEUED_RETRY);
                    int lost = resubmissions + (e.mayHaveReachedCarrier() ? 1 : 0);
                    log.info("Message {} stays queued until {}: {}", queued.id(), retry, e.getMessage());
                    // No status event: the status has not changed, and a long outage would fill the history.
                    tx.run(s -> {
                        MtMessage m = s.find(MtMessage.class, queued.id(), LockModeType.PESSIMISTIC_WRITE);
                        for (int i = 0; i < lost; i++) {
                            m.resubmitted(clock.instant());
                        }
                        m.release(retry, clock.instant());
                    });
                    return;
                }
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
        SubmitResult done = result;
        int resubmitted = resubmissions;
        if (done.accepted()) {
            recordAcceptance(queued.id(), path, done, resubmitted);
            tracker.matchEarly(route, done.segmentIds());
        } else {
            log.info("Message {} rejected by the carrier: {}", queued.id(), done.errorName());
            List<String> partial = done.segmentIds();
            // Segments accepted before a later one was refused are on their way to the handset: say so,
            // and keep their ids so their receipts are matched, not reported as unknown.
            String detail = partial.isEmpty() ? done.errorName()
                    : done.errorName() + " on segment " + (partial.size() + 1) + " of " + done.segments() + "; "
                            + partial.size() + " earlier segment(s) were accepted";
            tx.run(s -> {
                MtMessage m = s.find(MtMessage.class, queued.id(), LockModeType.PESSIMISTIC_WRITE);
                m.rejected(detail, done.segments(), clock.instant());
                s.persist(new MtStatusEvent(m, m.updatedAt()));
                if (!partial.isEmpty()) {
                    tracker.accepted(s, m, route, partial);
                }
            });
        }
    }

    /**
     * The carrier has the message: record that, retrying a transaction that fails on a lock (a
     * deadlock or a wait timeout), since a message the carrier took must not be left looking unsent.
     */
    private void recordAcceptance(long id, Path path, SubmitResult done, int resubmitted) {
        for (int attempt = 1; ; attempt++) {
            try {
                tx.run(s -> {
                    MtMessage m = s.find(MtMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
                    Instant now = clock.instant();
                    for (int i = 0; i < resubmitted; i++) {
                        m.resubmitted(now);
                    }
                    m.accepted(path.route(), path.carrierName(), done.carrierMessageId(), done.segments(), now);
                    s.persist(new MtStatusEvent(m, m.updatedAt()));
                    tracker.accepted(s, m, path.route(), done.segmentIds());
                });
                return;
            } catch (RuntimeException e) {
                if (attempt >= ACCEPT_ATTEMPTS) {
                    log.error("Message {} was accepted by the carrier as {} but could not be recorded", id,
                            done.carrierMessageId(), e);
                    throw e;
                }
                log.warn("Recording the acceptance of message {} failed (attempt {}), retrying: {}", id, attempt,
                        e.toString());
            }
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
}
