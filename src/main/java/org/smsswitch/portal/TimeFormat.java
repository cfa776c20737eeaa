package org.smsswitch.portal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the portal's pages write them: to the second, in UTC. */
public final class TimeFormat {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The time, or "" for none. */
    public String of(Instant at) {
        return at == null ? "" : FORMAT.format(at);
    }
}
