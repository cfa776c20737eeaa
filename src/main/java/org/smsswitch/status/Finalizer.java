package org.smsswitch.status;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hibernate.LockMode;
import org.smsswitch.persistence.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carriers stop trying after a day: a message submitted longer ago than the final-after period gets
 * a final status. One that never had a final receipt says so ({@code Failed:No Receipt}), with the last
 * status it had. A message still queued that long after its send time (no carrier connection took it
 * all that while) is not sent any more: its news would come too late. Also sweeps receipts that
 * arrived before their message was recorded.
 */
public final class Finalizer {
    private static final Logger log = LoggerFactory.getLogger(Finalizer.class);
    private static final int BATCH = 500;

    private final Transactions tx;
    private final Clock clock;
    private final DeliveryTracker tracker;
    private final Duration finalAfter;
    private final Duration reportUnmatchedAfter;

    public Finalizer(Transactions tx, Clock clock, DeliveryTracker tracker, Duration finalAfter,
            Duration reportUnmatchedAfter) {
        if (finalAfter.isNegative() || finalAfter.isZero()) {
            throw new IllegalArgumentException("status.final-after must be positive, not " + finalAfter);
        }
        this.tx = tx;
        this.clock = clock;
        this.tracker = tracker;
        this.finalAfter = finalAfter;
        this.reportUnmatchedAfter = reportUnmatchedAfter;
    }

    /** One pass: the receipt sweep, then every due message in batches. Returns how many became final. */
    public int run() {
        tracker.sweep(reportUnmatchedAfter);
        int finalized = 0;
        while (true) {
            int done = finalizeBatch();
            finalized += done;
            if (done < BATCH) {
                break;
            }
        }
        while (true) {
            int done = expireQueuedBatch();
            finalized += done;
            if (done < BATCH) {
                break;
            }
        }
        if (finalized > 0) {
            log.info("Made {} message status(es) final after {}", finalized, finalAfter);
        }
        return finalized;
    }

    private int finalizeBatch() {
        Instant now = clock.instant();
        Instant due = now.minus(finalAfter);
        return tx.call(s -> {
            List<MtMessage> messages = s.createSelectionQuery("""
                            from MtMessage m where m.isFinal = false and m.submittedAt is not null
                            and m.submittedAt <= :due order by m.submittedAt""", MtMessage.class)
                    .setParameter("due", due)
                    .setMaxResults(BATCH)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList();
            for (MtMessage m : messages) {
                String detail = "No final receipt within " + finalAfter.toHours() + " h (last: "
                        + m.deliveryStatus().label() + ")";
                m.delivery(DeliveryStatus.FAILED_NO_RECEIPT, true, detail, now);
                s.persist(new MtStatusEvent(m, now));
            }
            return messages.size();
        });
    }

    private int expireQueuedBatch() {
        Instant now = clock.instant();
        Instant due = now.minus(finalAfter);
        return tx.call(s -> {
            // By the later of its send time and its queueing, not by the due time: every try the
            // carrier could not take puts the due time off again. Messages a node is sending right now
            // are left to it.
            List<MtMessage> messages = s.createSelectionQuery("""
                            from MtMessage m where m.immediateStatus = org.smsswitch.status.ImmediateStatus.QUEUED
                            and m.createdAt <= :due and (m.sendAt is null or m.sendAt <= :due)
                            and (m.claimUntil is null or m.claimUntil < :now)
                            order by m.createdAt""", MtMessage.class)
                    .setParameter("due", due)
                    .setParameter("now", now)
                    .setMaxResults(BATCH)
                    .setHibernateLockMode(LockMode.UPGRADE_SKIPLOCKED)
                    .getResultList();
            for (MtMessage m : messages) {
                m.refuse(ImmediateStatus.NOT_SENT_CARRIER_UNAVAILABLE, "Still queued " + finalAfter.toHours()
                        + " h after its send time: no carrier connection took it; not sent", now);
                s.persist(new MtStatusEvent(m, now));
            }
            if (!messages.isEmpty()) {
                log.warn("{} queued message(s) not sent within {} h of their send time; given up", messages.size(),
                        finalAfter.toHours());
            }
            return messages.size();
        });
    }
}
