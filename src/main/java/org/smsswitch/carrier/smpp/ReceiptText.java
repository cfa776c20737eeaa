package org.smsswitch.carrier.smpp;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The de-facto text form of a delivery receipt (SMPP 3.4 appendix B):
 * {@code id:IIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:...}.
 * Carriers vary in case, spacing and date precision, so parsing looks for each field on its own.
 * Dates are read as UTC: the form carries no zone.
 */
final class ReceiptText {

    private static final Pattern ID = Pattern.compile("(?i)\\bid:\\s*(\\S+)");
    private static final Pattern STAT = Pattern.compile("(?i)\\bstat:\\s*(\\S+)");
    private static final Pattern ERR = Pattern.compile("(?i)\\berr:\\s*(\\S+)");
    private static final Pattern DONE = Pattern.compile("(?i)\\bdone\\s*date:\\s*(\\d{10}(?:\\d{2})?)");
    private static final Pattern SUBMIT = Pattern.compile("(?i)\\bsubmit\\s*date:\\s*(\\d{10}(?:\\d{2})?)");

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyMMddHHmm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyMMddHHmmss");

    /** The fields the switch uses. {@code err}, {@code doneTime} and {@code submitDate} may be null. */
    record Fields(String id, String stat, String err, Instant doneTime, Instant submitDate) {}

    private ReceiptText() {}

    static String format(String id, Instant submitDate, Instant doneDate, String stat, String err, String text) {
        return "id:" + id + " sub:001 dlvrd:" + (ReceiptStat.DELIVRD.name().equals(stat) ? "001" : "000")
                + " submit date:" + MINUTES.format(submitDate.atOffset(ZoneOffset.UTC))
                + " done date:" + MINUTES.format(doneDate.atOffset(ZoneOffset.UTC))
                + " stat:" + stat + " err:" + err + " text:" + text;
    }

    /** The fields of a receipt text; empty when it has no id or no stat. */
    static Optional<Fields> parse(String text) {
        String id = find(ID, text);
        String stat = find(STAT, text);
        if (id == null || stat == null) {
            return Optional.empty();
        }
        String word = ReceiptStat.parse(stat).map(ReceiptStat::name).orElse(stat.toUpperCase(Locale.ROOT));
        return Optional.of(new Fields(id, word, find(ERR, text), date(DONE, text), date(SUBMIT, text)));
    }

    private static Instant date(Pattern field, String text) {
        String value = find(field, text);
        if (value == null) {
            return null;
        }
        try {
            DateTimeFormatter format = value.length() == 12 ? SECONDS : MINUTES;
            return LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
