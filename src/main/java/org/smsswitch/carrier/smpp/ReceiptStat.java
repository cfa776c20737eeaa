package org.smsswitch.carrier.smpp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.jsmpp.bean.MessageState;

/** The stat words of SMPP 3.4 receipt texts, with the message_state TLV value each stands for. */
enum ReceiptStat {
    DELIVRD(MessageState.DELIVERED),
    ACCEPTD(MessageState.ACCEPTED),
    ENROUTE(MessageState.ENROUTE),
    EXPIRED(MessageState.EXPIRED),
    DELETED(MessageState.DELETED),
    UNDELIV(MessageState.UNDELIVERABLE),
    REJECTD(MessageState.REJECTED),
    UNKNOWN(MessageState.UNKNOWN);

    private final MessageState messageState;

    ReceiptStat(MessageState messageState) {
        this.messageState = messageState;
    }

    MessageState messageState() {
        return messageState;
    }

    /** Whether the message got through (or may still): the receipt's err is then {@code 000}. */
    boolean successful() {
        return this == DELIVRD || this == ACCEPTD || this == ENROUTE;
    }

    /** The stat word for a message_state TLV value; SCHEDULED (SMPP 5) is still en route. */
    static Optional<ReceiptStat> of(MessageState state) {
        for (ReceiptStat stat : values()) {
            if (stat.messageState == state) {
                return Optional.of(stat);
            }
        }
        return state == MessageState.SCHEDULED ? Optional.of(ENROUTE) : Optional.empty();
    }

    /**
     * The stat word for a receipt text's {@code stat:} field, also when a carrier spells out the
     * message_state name ({@code DELIVERED}, {@code UNDELIVERABLE}); empty for other words.
     */
    static Optional<ReceiptStat> parse(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        for (ReceiptStat stat : values()) {
            if (stat.name().equals(upper) || stat.messageState.name().equals(upper)) {
                return Optional.of(stat);
            }
        }
        return Optional.empty();
    }

    /** The stat word for a rule: one of the eight, in any case. */
    static ReceiptStat require(String word) {
        return parse(word).orElseThrow(() -> new IllegalArgumentException(
                "Not a receipt stat word: " + word + " (expected one of " + Arrays.toString(values()) + ")"));
    }
}
