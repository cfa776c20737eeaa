package org.smsswitch.carrier;

import java.util.Objects;

/**
 * A mobile-originated message: a handset texting one of our numbers.
 *
 * @param source the handset, in E.164 form ({@code +15550100001}) when the carrier sent it as an
 *     international number, else as the carrier sent it
 * @param destination the short code or long number it was sent to
 * @param text the decoded text (one segment's text when the handset sent a concatenated message)
 * @param carrierName which carrier connection received it; may be null
 */
public record InboundSms(String source, String destination, String text, String carrierName) {

    public InboundSms {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        // The text stays out: toString ends up in logs.
        return "InboundSms[source=" + source + ", destination=" + destination + ", length=" + text.length()
                + ", carrierName=" + carrierName + "]";
    }
}
