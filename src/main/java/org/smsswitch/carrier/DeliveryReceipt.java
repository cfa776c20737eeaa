package org.smsswitch.carrier;

import java.time.Instant;
import java.util.Objects;

/**
 * A carrier's report on a message it accepted.
 *
 * @param carrierMessageId the id the carrier gave the message when it accepted it (see {@link
 *     SubmitResult#carrierMessageId()})
 * @param state the final (or intermediate) state as carriers spell it: {@code DELIVRD}, {@code
 *     EXPIRED}, {@code DELETED}, {@code UNDELIV}, {@code ACCEPTD}, {@code UNKNOWN}, {@code REJECTD},
 *     {@code ENROUTE}
 * @param errorCode the carrier's network error code, as sent ({@code 000} when none); may be null
 * @param doneTime when the carrier reached the state, if it said so; may be null
 * @param carrierName which carrier connection reported it; may be null
 */
public record DeliveryReceipt(
        String carrierMessageId, String state, String errorCode, Instant doneTime, String carrierName) {

    public DeliveryReceipt {
        Objects.requireNonNull(carrierMessageId, "carrierMessageId");
        Objects.requireNonNull(state, "state");
    }

    /** Whether the handset got the message. */
    public boolean delivered() {
        return "DELIVRD".equals(state);
    }
}
