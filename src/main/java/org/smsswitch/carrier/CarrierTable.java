package org.smsswitch.carrier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which carrier serves a phone number and which route reaches it, by number prefix: the longest
 * prefix that starts a number wins. Immutable and thread-safe.
 *
 * <p>The text form, as operators load it, is one entry per line, {@code prefix,carrier,route}
 * ({@code +1555010,Verizon Wireless,verizon}). Fields are trimmed; an empty or missing route means
 * the default route. Text from a {@code #} to the end of a line is a comment; blank lines are ignored;
 * a first line {@code prefix,carrier,route} is taken as a header.
 */
public final class CarrierTable {

    private static final Pattern PREFIX = Pattern.compile("\\+[1-9][0-9]{0,14}");
    private static final String HEADER = "prefix,carrier,route";

    /**
     * One row: numbers starting with {@code prefix} belong to {@code carrierName}, reached by
     * {@code route}.
     *
     * @param prefix {@code +} and 1 to 15 digits, the first not 0
     * @param carrierName the carrier's name, as receipts and statuses name it
     * @param route the route name; null for the default route
     */
    public record Entry(String prefix, String carrierName, String route) {
        public Entry {
            if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("prefix must be + and 1 to 15 digits, not '" + prefix + "'");
            }
            if (carrierName == null || carrierName.isBlank()) {
                throw new IllegalArgumentException("carrier name must not be blank");
            }
            carrierName = carrierName.strip();
            route = route == null || route.isBlank() ? null : route.strip();
        }
    }

    private static final CarrierTable EMPTY = new CarrierTable(List.of());

    private final List<Entry> entries;
    private final Map<String, Entry> byPrefix;
    private final int longestPrefix;

    private CarrierTable(List<Entry> entries) {
        Map<String, Entry> map = new HashMap<>();
        int longest = 0;
        for (Entry entry : entries) {
            if (map.putIfAbsent(entry.prefix(), entry) != null) {
                throw new IllegalArgumentException("prefix " + entry.prefix() + " appears twice");
            }
            longest = Math.max(longest, entry.prefix().length());
        }
        this.entries = List.copyOf(entries);
        this.byPrefix = Collections.unmodifiableMap(map);
        this.longestPrefix = longest;
    }

    public static CarrierTable empty() {
        return EMPTY;
    }

    /**
     * A table of these entries.
     *
     * @throws IllegalArgumentException when a prefix appears twice
     */
    public static CarrierTable of(List<Entry> entries) {
        return new CarrierTable(Objects.requireNonNull(entries, "entries"));
    }

    /**
     * Reads the text form (see the class comment).
     *
     * @throws IllegalArgumentException naming the first bad line and what is wrong with it
     */
    public static CarrierTable parse(String csv) {
        Objects.requireNonNull(csv, "csv");
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> lineOfPrefix = new HashMap<>();
        String[] lines = csv.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty() || (entries.isEmpty() && line.replace(" ", "").equalsIgnoreCase(HEADER))) {
                continue;
            }
            Entry entry = parseLine(line, lineNumber);
            Integer earlier = lineOfPrefix.putIfAbsent(entry.prefix(), lineNumber);
            if (earlier != null) {
                throw new IllegalArgumentException(
                        "Line " + lineNumber + ": prefix " + entry.prefix() + " is already on line " + earlier);
            }
            entries.add(entry);
        }
        return new CarrierTable(entries);
    }

    private static Entry parseLine(String line, int lineNumber) {
        String[] fields = line.split(",", -1);
        if (fields.length < 2 || fields.length > 3) {
            throw new IllegalArgumentException("Line " + lineNumber + ": expected prefix,carrier,route but found "
                    + fields.length + " field" + (fields.length == 1 ? "" : "s"));
        }
        try {
            return new Entry(fields[0].strip(), fields[1], fields.length == 3 ? fields[2] : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Line " + lineNumber + ": " + e.getMessage(), e);
        }
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    /** The entry with the longest prefix that starts the number; empty for none or a null number. */
    public Optional<Entry> lookup(String e164) {
        if (e164 == null) {
            return Optional.empty();
        }
        for (int length = Math.min(longestPrefix, e164.length()); length >= 2; length--) {
            Entry entry = byPrefix.get(e164.substring(0, length));
            if (entry != null) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The entries in the order given. */
    public List<Entry> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return "CarrierTable[" + entries.size() + " entries]";
    }
}
