package org.smsswitch.send;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.persistence.Transactions;
import org.smsswitch.status.ImmediateStatus;
import org.smsswitch.status.MtMessage;
import org.smsswitch.status.MtStatusEvent;
import org.smsswitch.status.StatusService;

/** Cancels a message of the caller's that is still waiting in the queue. */
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
            if (m == null || m.accountId() != accountId) {
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
}
