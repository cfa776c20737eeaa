package org.smsswitch.carrier.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.jsmpp.bean.BindType;
import org.junit.jupiter.api.Test;

class SmppBindConfigTest {

    @Test
    void builder_defaults_to_a_transceiver() {
        SmppBindConfig config = SmppBindConfig.builder("localhost", 2775, "switch", "pw").build();
        assertEquals(BindType.BIND_TRX, config.bindType());
        assertEquals("", config.systemType());
        assertEquals(SmppBindConfig.DEFAULT_WINDOW_SIZE, config.windowSize());
    }

    @Test
    void bad_values_are_rejected_when_built() {
        assertThrows(IllegalArgumentException.class, () -> SmppBindConfig.builder("", 2775, "s", "p").build());
        assertThrows(IllegalArgumentException.class, () -> SmppBindConfig.builder("h", 0, "s", "p").build());
        assertThrows(IllegalArgumentException.class, () -> SmppBindConfig.builder("h", 1, "s", "123456789").build());
        assertThrows(IllegalArgumentException.class,
                () -> SmppBindConfig.builder("h", 1, "s", "p").windowSize(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> SmppBindConfig.builder("h", 1, "s", "p").maxMessagesPerSecond(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> SmppBindConfig.builder("h", 1, "s", "p").responseTimeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class,
                () -> SmppBindConfig.builder("h", 1, "s", "p").enquireLinkInterval(Duration.ofSeconds(-1)).build());
        assertThrows(NullPointerException.class, () -> SmppBindConfig.builder("h", 1, "s", "p").bindType(null).build());
    }

    @Test
    void to_string_leaves_the_password_out() {
        assertFalse(SmppBindConfig.builder("h", 1, "s", "hunter2").build().toString().contains("hunter2"));
    }
}
