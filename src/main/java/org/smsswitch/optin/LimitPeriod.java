package org.smsswitch.optin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** The period a keyword's message limit counts over, in calendar terms (UTC). */
public enum LimitPeriod {
    DAY("day"), WEEK("wk"), MONTH("mo");

    private final String abbreviation;

    LimitPeriod(String abbreviation) {
        this.abbreviation = abbreviation;
    }

    /** As carriers write it in "Max 4 msgs/mo". */
    public String abbreviation() {
        return abbreviation;
    }

    /** When the period that contains {@code now} began. */
    public Instant start(Instant now) {
        ZonedDateTime t = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        return switch (this) {
            case DAY -> t.toInstant();
            case WEEK -> t.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).toInstant();
            case MONTH -> t.withDayOfMonth(1).toInstant();
        };
    }
}
