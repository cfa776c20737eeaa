package org.smsswitch.status;

import java.time.Instant;

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
        Instant sendAt) {

    static MessageView of(MtMessage m, String shortCode, String keyword) {
        return new MessageView(m.id(), m.destination(), shortCode, keyword, m.batchId(), m.clientRef(),
                m.immediateStatus(), m.immediateAt(), m.deliveryStatus(), m.deliveryAt(), m.isFinal(), m.detail(),
                m.segments(), m.createdAt(), m.sendAt());
    }
}
