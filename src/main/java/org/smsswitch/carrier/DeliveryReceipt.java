package org.smsswitch.carrier;

import java.time.Instant;
import java.util.Objects;

/**
 * A carrier's report on one segment it accepted.
 *
 * <p><b>Which id.</b> {@code carrierMessageId} is the id exactly as the carrier's
 * {@code receipted_message_id} TLV gives it when the receipt has one, else the {@code id:} field of
 * the receipt text. SMPP 3.4 defines the TLV as the id from the submit_sm_resp, while many SMSCs write
 * the text's id in another form (decimal where the response gave hex, or the reverse); preferring the
 * TLV is what makes such receipts match. Only a receipt without the TLV can carry a differently
 * written id.
 *
 * <p><b>Which carrier.</b> {@code carrierName} is the handset's network when the receipt names it,
 * else the name of the carrier connection that received it. The switch's convention for naming the
 * network is the vendor TLV {@code 0x1403} ("network name"), a NUL-terminated ASCII string, as
 * aggregators send it (e.g. {@code Verizon Wireless}).
 *
 * @param carrierMessageId the id the carrier gave the segment when it accepted it (see above and
 *     {@link SubmitResult#segmentIds()})
 * @param state the final (or intermediate) state as the SMPP receipt spells it: {@code DELIVRD},
 *     {@code ACCEPTD}, {@code ENROUTE}, {@code EXPIRED}, {@code DELETED}, {@code UNDELIV}, {@code
 *     REJECTD}, {@code UNKNOWN}; a word outside these is passed on as the carrier sent it
 * @param errorCode the carrier's network error code, as sent ({@code 000} when none); may be null
 * @param doneTime when the carrier reached the state, if it said so; may be null
 * @param submitDate when the carrier says it got the message, if it said so; may be null
 * @param carrierName the handset's network from the receipt, else the receiving connection's
 *     carrier name; may be null
 * @param route the name of the route (carrier connection) that received the receipt; may be null
 */
public record DeliveryReceipt(String carrierMessageId, String state, String errorCode, Instant doneTime,
        Instant submitDate, String carrierName, String route) {

    public DeliveryReceipt {
        Objects.requireNonNull(carrierMessageId, "carrierMessageId");
        Objects.requireNonNull(state, "state");
    }

    /** A receipt without submit date and route. */
    public DeliveryReceipt(String carrierMessageId, String state, String errorCode, Instant doneTime,
            String carrierName) {
        this(carrierMessageId, state, errorCode, doneTime, null, carrierName, null);
    }

    /** Whether the handset got the message. */
    public boolean delivered() {
        return "DELIVRD".equals(state);
    }
}
