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

    static MessageView of(MtMessage m, String shortCode, String keyword, List<Transition> history) {
        return new MessageView(m.id(), m.destination(), shortCode, keyword, m.batchId(), m.clientRef(),
                m.immediateStatus(), m.immediateAt(), m.deliveryStatus(), m.deliveryAt(), m.isFinal(), m.detail(),
                m.segments(), m.createdAt(), m.sendAt(), m.resubmissions(), history);
    }
}
