package org.smsswitch.send;

import java.time.Instant;

/** A client's request to text one number, as it arrived. */
public record SendCommand(String shortCode, String keyword, String to, String text, Instant sendTime,
        String clientRef) {
}
