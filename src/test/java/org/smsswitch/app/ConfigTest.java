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
        Config config = Config.load(name -> name.equals("smsswitch.send.max-segments") ? "3" : null,
                java.util.List.of("smsswitch.send.max-segments"));
        assertEquals(3, config.getInt("send.max-segments"));
    }

    @Test
    void unknown_keys_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> Config.of(Map.of("db.ulr", "jdbc:h2:mem:x")));
    }

    @Test
    void misspelt_context_parameters_are_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Config.load(name -> "3", java.util.List.of("smsswitch.send.max-segmnts")));
        assertTrue(e.getMessage().contains("smsswitch.send.max-segmnts"));
    }

    @Test
    void misspelt_system_properties_are_refused() {
        System.setProperty("smsswitch.http.prot", "9");
        try {
            assertThrows(IllegalArgumentException.class, () -> Config.load(name -> null, java.util.List.of()));
        } finally {
            System.clearProperty("smsswitch.http.prot");
        }
    }

    @Test
    void credentials_in_the_database_url_are_not_described() {
        String described = Config.of(Map.of("db.url", "jdbc:mysql://app:s3cret@db:3306/sms?password=x")).describe();
        assertFalse(described.contains("s3cret"));
        assertFalse(described.contains("password=x"));
    }

    @Test
    void extra_routes_have_their_own_settings_and_share_the_defaults() {
        Config config = Config.of(Map.of("carrier.routes", "vzw, tmo", "carrier.route.vzw.host", "smsc.example",
                "carrier.route.vzw.window", "8"));
        assertEquals(java.util.List.of("vzw", "tmo"), config.routes());
        assertEquals("smsc.example", config.route("vzw", "host"));
        assertEquals("8", config.route("vzw", "window"));
        assertEquals(config.get("carrier.smpp.max-mps"), config.route("vzw", "max-mps"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> config.route("tmo", "host"));
        assertTrue(missing.getMessage().contains("carrier.route.tmo.host"));
    }

    @Test
    void route_settings_are_checked_like_the_others() {
        assertThrows(IllegalArgumentException.class, () -> Config.of(Map.of("carrier.route.vzw.hots", "x")));
        assertThrows(IllegalArgumentException.class, () -> Config.of(Map.of("carrier.routes", "Bad-Name")).routes());
        assertThrows(IllegalArgumentException.class, () -> Config.of(Map.of("carrier.routes", "default")).routes());
        assertThrows(IllegalArgumentException.class, () -> Config.of(Map.of("carrier.routes", "vzw,vzw")).routes());
        assertThrows(IllegalArgumentException.class,
                () -> Config.of(Map.of("carrier.route.tmo.host", "x")).routes(), "a route not named in carrier.routes");
    }

    @Test
    void route_environment_variables_map_to_route_keys() {
        assertEquals(java.util.Optional.of("carrier.route.vzw.system-id"),
                Config.envRouteKey("SMSSWITCH_CARRIER_ROUTE_VZW_SYSTEM_ID"));
        assertEquals(java.util.Optional.of("carrier.route.tmo2.response-timeout-seconds"),
                Config.envRouteKey("SMSSWITCH_CARRIER_ROUTE_TMO2_RESPONSE_TIMEOUT_SECONDS"));
        assertTrue(Config.envRouteKey("SMSSWITCH_CARRIER_ROUTE_VZW_COLOUR").isEmpty());
    }

    @Test
    void route_passwords_are_masked_when_described() {
        String described = Config.of(Map.of("carrier.route.vzw.password", "pw123")).describe();
        assertFalse(described.contains("pw123"));
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
