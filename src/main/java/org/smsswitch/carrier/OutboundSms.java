package org.smsswitch.carrier;

import java.util.Objects;

/**
 * One mobile-terminated message as the carrier sees it.
 *
 * @param reference the switch's own message id, for logs and receipt matching
 * @param source the short code or long number it is sent from
 * @param destination the handset, in E.164 form ({@code +15550100001})
 * @param text the message text; the gateway chooses GSM-7 or UCS-2 and splits it into segments
 * @param receiptRequested whether the carrier should send a delivery receipt
 */
public record OutboundSms(long reference, String source, String destination, String text, boolean receiptRequested) {
    public OutboundSms {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(text, "text");
    }
}
