package org.smsswitch.carrier.smpp;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.jsmpp.SMPPConstant;

/** Names SMPP command_status values the way the spec does ({@code ESME_RINVDSTADR}). */
final class CommandStatus {

    private static final String PREFIX = "STAT_";
    private static final Map<Integer, String> NAMES = loadNames();

    private CommandStatus() {}

    /** The spec's name, or {@code 0x%08X} for a vendor-specific or unknown status. */
    static String name(int commandStatus) {
        String name = NAMES.get(commandStatus);
        return name != null ? name : String.format("0x%08X", commandStatus);
    }

    /** The status for a spec name ({@code ESME_RINVDSTADR}) or a {@code 0x%08X} form. */
    static int valueOf(String name) {
        for (Map.Entry<Integer, String> e : NAMES.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        if (name.startsWith("0x") || name.startsWith("0X")) {
            return Integer.parseUnsignedInt(name.substring(2), 16);
        }
        throw new IllegalArgumentException("Unknown SMPP command status " + name);
    }

    // Read from jSMPP's constants rather than copied, so the table follows the library.
    private static Map<Integer, String> loadNames() {
        Map<Integer, String> names = new HashMap<>();
        for (Field field : SMPPConstant.class.getFields()) {
            if (field.getName().startsWith(PREFIX) && field.getType() == int.class
                    && Modifier.isStatic(field.getModifiers())) {
                try {
                    names.putIfAbsent(field.getInt(null), field.getName().substring(PREFIX.length()));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Cannot read " + field, e);
                }
            }
        }
        return Map.copyOf(names);
    }
}
