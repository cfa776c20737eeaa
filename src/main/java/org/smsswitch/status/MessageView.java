package org.smsswitch.status;

import java.time.Instant;
import java.util.List;

/** A message's status as a client sees it. */
public record MessageView(
        long id,
        String destination,
        String shortCode,
        String keyword,
        Long batchId,
        String clientRef,
        ImmediateStatus immediateStatus,
        Instant immediateAt,
        DeliveryStatus deliveryStatus,
        Instant deliveryAt,
        boolean isFinal,
        String detail,
        int segments,
        Instant createdAt,
        Instant sendAt,
        int resubmissions,
        List<Transition> history) {

    /** One status the message had, and when. */
    public record Transition(Instant at, ImmediateStatus immediateStatus, DeliveryStatus deliveryStatus,
            boolean isFinal, String detail) {
    }

    /**
     * The message as one status event left it: that event's statuses and detail, the message's other
     * fields as they are now; no history.
     */
    static MessageView asOf(MtStatusEvent e, MtMessage m, String shortCode, String keyword) {
        Instant immediateAt = e.immediateStatus() == ImmediateStatus.QUEUED ? null
                : e.immediateStatus() == m.immediateStatus() ? m.immediateAt() : e.occurredAt();
        Instant deliveryAt = e.deliveryStatus() == m.deliveryStatus() ? m.deliveryAt() : e.occurredAt();
        return new MessageView(m.id(), m.destination(), shortCode, keyword, m.batchId(), m.clientRef(),
                e.immediateStatus(), immediateAt, e.deliveryStatus(), deliveryAt, e.isFinal(), e.detail(),
                m.segments(), m.createdAt(), m.sendAt(), m.resubmissions(), List.of());
    }

    static MessageView of(MtMessage m, String shortCode, String keyword, List<Transition> history) {
        return new MessageView(m.id(), m.destination(), shortCode, keyword, m.batchId(), m.clientRef(),
                m.immediateStatus(), m.immediateAt(), m.deliveryStatus(), m.deliveryAt(), m.isFinal(), m.detail(),
                m.segments(), m.createdAt(), m.sendAt(), m.resubmissions(), history);
    }
}
