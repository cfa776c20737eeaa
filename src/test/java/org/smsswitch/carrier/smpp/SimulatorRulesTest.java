package org.smsswitch.carrier.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;

class SimulatorRulesTest {

    private final SimulatorRules rules = new SimulatorRules();

    @Test
    void receipt_outcome_follows_the_first_matching_rule_and_defaults_to_delivered() {
        rules.outcome(Pattern.compile("^\\+1555011"), ReceiptStat.UNDELIV);
        rules.outcome(Pattern.compile("^\\+1555"), ReceiptStat.EXPIRED);

        assertEquals(ReceiptStat.UNDELIV, rules.outcome("+15550110001"));
        assertEquals(ReceiptStat.EXPIRED, rules.outcome("+15550120001"));
        assertEquals(ReceiptStat.DELIVRD, rules.outcome("+447700900001"));
    }

    @Test
    void a_throttle_rule_answers_only_its_count_of_matching_submits() {
        rules.throttle(Pattern.compile("^\\+1555012"), 2, SMPPConstant.STAT_ESME_RTHROTTLED);

        assertEquals(OptionalInt.empty(), rules.takeThrottle("+15550130001"));
        assertEquals(OptionalInt.of(SMPPConstant.STAT_ESME_RTHROTTLED), rules.takeThrottle("+15550120001"));
        assertEquals(OptionalInt.of(SMPPConstant.STAT_ESME_RTHROTTLED), rules.takeThrottle("+15550120002"));
        assertEquals(OptionalInt.empty(), rules.takeThrottle("+15550120003"));
    }

    @Test
    void a_throttle_rule_without_pattern_takes_any_destination() {
        rules.throttle(null, 1, SMPPConstant.STAT_ESME_RMSGQFUL);

        assertEquals(OptionalInt.of(SMPPConstant.STAT_ESME_RMSGQFUL), rules.takeThrottle("+15550130001"));
        assertEquals(OptionalInt.empty(), rules.takeThrottle("+15550130001"));
    }

    @Test
    void rejection_needs_the_whole_destination_to_match() {
        rules.reject(Pattern.compile("\\+1555999"), SMPPConstant.STAT_ESME_RINVDSTADR);

        assertEquals(OptionalInt.empty(), rules.rejection("+15559990000"));
        assertEquals(OptionalInt.of(SMPPConstant.STAT_ESME_RINVDSTADR), rules.rejection("+1555999"));
    }

    @Test
    void network_names_and_early_receipts_by_pattern_and_cleared_together() {
        rules.networkName(Pattern.compile("^\\+1555010"), "Verizon Wireless");
        rules.receiptBeforeResponse(Pattern.compile("^\\+1555013"));

        assertEquals(Optional.of("Verizon Wireless"), rules.networkName("+15550100001"));
        assertEquals(Optional.empty(), rules.networkName("+15550200001"));
        assertTrue(rules.receiptBeforeResponse("+15550130001"));

        rules.clear();

        assertEquals(Optional.empty(), rules.networkName("+15550100001"));
        assertFalse(rules.receiptBeforeResponse("+15550130001"));
    }

    @Test
    void stat_words_are_checked_when_a_rule_is_made() {
        assertEquals(ReceiptStat.REJECTD, ReceiptStat.require("rejectd"));
        assertThrows(IllegalArgumentException.class, () -> ReceiptStat.require("LOST"));
    }
}
