package org.smsswitch.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.smsswitch.persistence.DatabaseSettings;

/**
 * The switch's settings: {@code sms-switch.properties} on the classpath gives every key and its
 * default; a file named by {@code SMSSWITCH_CONFIG}, servlet context parameters, environment
 * variables ({@code SMSSWITCH_DB_URL}) and system properties ({@code -Dsmsswitch.db.url}) override it,
 * in rising order. Unknown keys are refused, so a misspelt override does not pass unnoticed.
 */
public final class Config {
    private static final Set<String> SECRET = Set.of("db.password", "carrier.smpp.password",
            "bootstrap.operator.password");

    private final Map<String, String> values;

    private Config(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Environment variables and system properties of the switch's that are not settings. */
    private static final Set<String> NOT_SETTINGS = Set.of("SMSSWITCH_CONFIG", "smsswitch.config", "smsswitch.war");

    /**
     * Defaults overridden by the environment, the system properties and the given context parameters.
     *
     * @param contextParameterNames the names of all context parameters, so misspelt ones are refused
     */
    public static Config load(Function<String, String> contextParameter, Iterable<String> contextParameterNames) {
        Map<String, String> values = defaults();
        refuseUnknown(values, contextParameterNames);
        String file = firstNonBlank(System.getProperty("smsswitch.config"), System.getenv("SMSSWITCH_CONFIG"));
        if (file != null) {
            overlay(values, readFile(Path.of(file)), "the file " + file);
        }
        for (String key : values.keySet()) {
            String fromContext = contextParameter.apply("smsswitch." + key);
            String fromEnv = System.getenv(envName(key));
            String fromSystem = System.getProperty("smsswitch." + key);
            String chosen = firstNonBlank(fromSystem, fromEnv, fromContext);
            if (chosen != null) {
                values.put(key, chosen);
            }
        }
        return new Config(values);
    }

    private static void refuseUnknown(Map<String, String> values, Iterable<String> contextParameterNames) {
        Set<String> envNames = new java.util.HashSet<>();
        values.keySet().forEach(k -> envNames.add(envName(k)));
        for (String name : System.getenv().keySet()) {
            if (name.startsWith("SMSSWITCH_") && !name.startsWith("SMSSWITCH_TEST_") && !envNames.contains(name)
                    && !NOT_SETTINGS.contains(name)) {
                throw new IllegalArgumentException("Unknown setting in the environment: " + name);
            }
        }
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("smsswitch.") && !name.startsWith("smsswitch.test.") && !NOT_SETTINGS.contains(name)
                    && !values.containsKey(name.substring("smsswitch.".length()))) {
                throw new IllegalArgumentException("Unknown setting in the system properties: " + name);
            }
        }
        for (String name : contextParameterNames) {
            if (name.startsWith("smsswitch.") && !values.containsKey(name.substring("smsswitch.".length()))) {
                throw new IllegalArgumentException("Unknown setting in the context parameters: " + name);
            }
        }
    }

    /** Defaults overridden by the given values only (tests, embedding). */
    public static Config of(Map<String, String> overrides) {
        Map<String, String> values = defaults();
        overlay(values, overrides, "the given settings");
        return new Config(values);
    }

    /** A copy with these keys changed. */
    public Config with(Map<String, String> overrides) {
        Map<String, String> copy = new HashMap<>(values);
        overlay(copy, overrides, "the given settings");
        return new Config(copy);
    }

    static String envName(String key) {
        return "SMSSWITCH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("No setting named " + key);
        }
        return value.strip();
    }

    public int getInt(String key) {
        String value = get(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting " + key + " must be a whole number, not '" + value + "'");
        }
    }

    public boolean isBlank(String key) {
        return get(key).isEmpty();
    }

    /** Every setting, secrets masked: for the start-up log. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        values.keySet().stream().sorted().forEach(key -> {
            String v = values.get(key);
            String shown = SECRET.contains(key) && !v.isEmpty() ? "****"
                    : key.equals("db.url") ? DatabaseSettings.redactedUrl(v) : v;
            b.append(key).append('=').append(shown).append(' ');
        });
        return b.toString().strip();
    }

    private static Map<String, String> defaults() {
        Properties p = new Properties();
        try (InputStream in = Config.class.getResourceAsStream("/sms-switch.properties")) {
            if (in == null) {
                throw new IllegalStateException("sms-switch.properties is missing from the classpath");
            }
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read sms-switch.properties", e);
        }
        Map<String, String> values = new HashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        return values;
    }

    private static Map<String, String> readFile(Path path) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the configuration file " + path + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        return values;
    }

    private static void overlay(Map<String, String> values, Map<String, String> overrides, String source) {
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!values.containsKey(e.getKey())) {
                throw new IllegalArgumentException("Unknown setting '" + e.getKey() + "' in " + source);
            }
            values.put(e.getKey(), e.getValue());
        }
    }

    private static String firstNonBlank(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return null;
    }
}
