package org.smsswitch.send;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hibernate.LockMode;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.persistence.Transactions;
import org.smsswitch.status.ImmediateStatus;
import org.smsswitch.status.MtBatch;
import org.smsswitch.status.MtMessage;
import org.smsswitch.status.MtStatusEvent;
import org.smsswitch.status.StatusService;

/** Cancels messages of the caller's that are still waiting in the queue: one, or a batch's. */
public final class CancelService {
    private final Transactions tx;
    private final Clock clock;

    public CancelService(Transactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * @throws SwitchException {@code NOT_FOUND} when it is not one of the caller's messages;
     *     {@code NOT_CANCELLABLE} when it is being sent now or no longer queued
     */
    public void cancel(long accountId, String messageId) {
        long id = StatusService.parseId(messageId);
        tx.run(s -> {
            MtMessage m = s.find(MtMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (m == null || !Objects.equals(m.accountId(), accountId)) {
                throw new SwitchException(ErrorCode.NOT_FOUND, "messageId", "Message " + messageId + " was not found.");
            }
            Instant now = clock.instant();
            if (m.immediateStatus() != ImmediateStatus.QUEUED) {
                throw new SwitchException(ErrorCode.NOT_CANCELLABLE, "messageId", "Message " + id
                        + " is no longer queued (" + m.immediateStatus().label() + ").");
            }
            if (m.claimUntil() != null && m.claimUntil().isAfter(now)) {
                throw new SwitchException(ErrorCode.NOT_CANCELLABLE, "messageId",
                        "Message " + id + " is being sent now.");
            }
            m.cancel(now);
            s.persist(new MtStatusEvent(m, now));
        });
    }

    /**
     * Cancels every message of the batch that is still queued and not being sent at this moment; those
     * being sent, and those already sent or refused, keep their status.
     *
     * @return how many were cancelled
     * @throws SwitchException {@code NOT_FOUND} when it is not one of the caller's batches
     */
    public int cancelBatch(long accountId, String batchId) {
        long id = StatusService.parseId(batchId, "batchId", "Batch");
        return tx.call(s -> {
            MtBatch batch = s.find(MtBatch.class, id);
            if (batch == null || batch.accountId() != accountId) {
                throw new SwitchException(ErrorCode.NOT_FOUND, "batchId", "Batch " + batchId + " was not found.");
            }
            Instant now = clock.instant();
            int cancelled = 0;
            while (true) {
                // Rows a node is claiming right now are skipped, not waited for: they are being sent.
                List<MtMessage> page = s.createSelectionQuery("""
                                from MtMessage m where m.batchId = :b
                                and m.immediateStatus = org.smsswitch.status.ImmediateStatus.QUEUED
                                and (m.claimUntil is null or m.claimUntil < :now) order by m.id""", MtMessage.class)
                        .setParameter("b", id)
                        .setParameter("now", now)
                        .setMaxResults(PAGE)
                        .setHibernateLockMode(LockMode.UPGRADE_SKIPLOCKED)
                        .getResultList();
                for (MtMessage m : page) {
                    m.cancel(now);
                    s.persist(new MtStatusEvent(m, now));
                }
                cancelled += page.size();
                s.flush();
                s.clear();
                if (page.size() < PAGE) {
                    return cancelled;
                }
            }
        });
    }

    private static final int PAGE = 1000;
}
