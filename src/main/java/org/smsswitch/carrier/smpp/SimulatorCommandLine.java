package org.smsswitch.carrier.smpp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The simulator's command line: {@code [port [systemId password]] [--option=value ...]}, the options
 * setting the same behaviours tests set in-process. Repeatable options add rules in the order given.
 *
 * <pre>
 * --receipt-delay=PT2S                    receipts 2 s after the response (ISO-8601, or milliseconds)
 * --receipt-outcome=^\+1555011=UNDELIV     stat word of receipts by destination pattern
 * --carrier-name=^\+1555010=Verizon Wireless   network name (TLV 0x1403) by destination pattern
 * --receipt-before-response=^\+1555013     receipt before the submit_sm_resp
 * --throttle=^\+1555012:5:ESME_RTHROTTLED  the next 5 matching submits throttled (* for any)
 * --reject=\+1555999.*=ESME_RINVDSTADR     whole-destination pattern answered with an error
 * </pre>
 */
final class SimulatorCommandLine {

    static final int DEFAULT_PORT = 2775;

    private SimulatorCommandLine() {}

    /**
     * Starts a simulator as the arguments say.
     *
     * @throws IllegalArgumentException for an unknown option or a malformed value; nothing is left running
     */
    static SmppSimulator start(String[] args) {
        List<String> positional = new ArrayList<>();
        List<Consumer<SmppSimulator>> settings = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                settings.add(setting(arg));
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() > 3 || positional.size() == 2) {
            throw new IllegalArgumentException("Usage: [port [systemId password]] [--option=value ...]");
        }
        int port = positional.isEmpty() ? DEFAULT_PORT : Integer.parseInt(positional.get(0));
        SmppSimulator simulator = positional.size() == 3
                ? SmppSimulator.start(port, positional.get(1), positional.get(2))
                : SmppSimulator.start(port);
        try {
            settings.forEach(s -> s.accept(simulator));
            return simulator;
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    private static Consumer<SmppSimulator> setting(String arg) {
        int eq = arg.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("Option without a value: " + arg);
        }
        String name = arg.substring(2, eq);
        String value = arg.substring(eq + 1);
        return switch (name) {
            case "receipt-delay" -> s -> s.receiptDelay(duration(value));
            case "receipt-outcome" -> pair(value, (regex, stat) -> s -> s.receiptOutcome(regex, stat));
            case "carrier-name" -> pair(value, (regex, network) -> s -> s.carrierName(regex, network));
            case "receipt-before-response" -> s -> s.receiptBeforeResponse(value);
            case "reject" -> pair(value, (regex, status) -> s -> s.rejectDestinations(regex, status));
            case "throttle" -> throttle(value);
            default -> throw new IllegalArgumentException("Unknown option --" + name);
        };
    }

    private interface PairSetting {
        Consumer<SmppSimulator> of(String pattern, String value);
    }

    // The value follows the last '=', so a pattern may contain '=' but a value may not.
    private static Consumer<SmppSimulator> pair(String text, PairSetting setting) {
        int eq = text.lastIndexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("Expected pattern=value, not " + text);
        }
        return setting.of(text.substring(0, eq), text.substring(eq + 1));
    }

    private static Consumer<SmppSimulator> throttle(String text) {
        int last = text.lastIndexOf(':');
        int middle = last > 0 ? text.lastIndexOf(':', last - 1) : -1;
        if (middle <= 0) {
            throw new IllegalArgumentException("Expected pattern:times:status, not " + text);
        }
        String pattern = text.substring(0, middle);
        int times = Integer.parseInt(text.substring(middle + 1, last));
        String status = text.substring(last + 1);
        return s -> s.throttle(pattern.equals("*") ? null : pattern, times, status);
    }

    private static Duration duration(String text) {
        return text.startsWith("P") || text.startsWith("p")
                ? Duration.parse(text)
                : Duration.ofMillis(Long.parseLong(text));
    }
}
