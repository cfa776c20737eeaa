package org.smsswitch.carrier.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;

class SimulatorCommandLineTest {

    @Test
    void options_set_the_same_rules_as_tests_do() {
        try (SmppSimulator simulator = SimulatorCommandLine.start(new String[] {"0",
                "--receipt-outcome=^\\+1555011=UNDELIV",
                "--carrier-name=^\\+1555010=Verizon Wireless",
                "--receipt-before-response=^\\+1555013",
                "--throttle=*:1:ESME_RMSGQFUL",
                "--reject=\\+1555999.*=ESME_RINVDSTADR",
                "--receipt-delay=PT0.5S"})) {
            SimulatorRules rules = simulator.rules();

            assertTrue(simulator.port() > 0);
            assertEquals(ReceiptStat.UNDELIV, rules.outcome("+15550110001"));
            assertEquals(Optional.of("Verizon Wireless"), rules.networkName("+15550100001"));
            assertTrue(rules.receiptBeforeResponse("+15550130001"));
            assertEquals(OptionalInt.of(SMPPConstant.STAT_ESME_RMSGQFUL), rules.takeThrottle("+15550100001"));
            assertEquals(OptionalInt.empty(), rules.takeThrottle("+15550100001"), "only once");
            assertEquals(OptionalInt.of(SMPPConstant.STAT_ESME_RINVDSTADR), rules.rejection("+15559990000"));
        }
    }

    @Test
    void bad_arguments_are_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> SimulatorCommandLine.start(new String[] {"0", "--colour=red"}));
        assertThrows(IllegalArgumentException.class,
                () -> SimulatorCommandLine.start(new String[] {"0", "--receipt-outcome=^\\+1555=LOST"}));
        assertThrows(IllegalArgumentException.class,
                () -> SimulatorCommandLine.start(new String[] {"0", "--throttle=5"}));
        assertThrows(IllegalArgumentException.class, () -> SimulatorCommandLine.start(new String[] {"0", "test"}));
    }
}
