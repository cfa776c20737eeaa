package org.smsswitch.send;

import java.time.Instant;

/**
 * A client's request to text one number, as it arrived: on a short code's keyword, or from a
 * campaign's long number ({@code campaignId}).
 */
public record SendCommand(String shortCode, String keyword, String to, String text, Instant sendTime,
        String clientRef, Long campaignId) {
}
