package org.smsswitch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void defaults_come_from_the_properties_file() {
        Config config = Config.of(Map.of());
        assertEquals(8080, config.getInt("http.port"));
        assertEquals("simulator", config.get("carrier.mode"));
        assertTrue(config.isBlank("db.url"));
    }

    @Test
    void context_parameters_override_defaults() {
        Config config = Config.load(name -> name.equals("smsswitch.send.max-segments") ? "3" : null);
        assertEquals(3, config.getInt("send.max-segments"));
    }

    @Test
    void unknown_keys_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> Config.of(Map.of("db.ulr", "jdbc:h2:mem:x")));
    }

    @Test
    void environment_names_follow_the_key() {
        assertEquals("SMSSWITCH_DB_POOL_SIZE", Config.envName("db.pool-size"));
        assertEquals("SMSSWITCH_HTTP_PORT", Config.envName("http.port"));
    }

    @Test
    void secrets_are_masked_when_described() {
        String described = Config.of(Map.of("db.password", "hunter2", "carrier.smpp.password", "pw")).describe();
        assertFalse(described.contains("hunter2"));
        assertFalse(described.contains("=pw"));
        assertTrue(described.contains("db.password=****"));
    }

    @Test
    void a_number_setting_that_is_not_a_number_is_named() {
        Config config = Config.of(Map.of("http.port", "eighty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config.getInt("http.port"));
        assertTrue(e.getMessage().contains("http.port"));
    }
}
