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
    /** The settings of one more carrier route, named in carrier.routes: carrier.route.NAME.FIELD. */
    static final java.util.List<String> ROUTE_FIELDS = java.util.List.of("host", "port", "system-id", "password",
            "system-type", "bind-type", "window", "max-mps", "response-timeout-seconds", "carrier-name");
    private static final java.util.regex.Pattern ROUTE_KEY = java.util.regex.Pattern.compile(
            "carrier\\.route\\.([a-z0-9]+)\\.(" + String.join("|", ROUTE_FIELDS) + ")");

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
        Map<String, String> routeKeys = new HashMap<>();
        for (String name : contextParameterNames) {
            routeKey(name, "smsswitch.").ifPresent(k -> routeKeys.put(k, contextParameter.apply(name)));
        }
        System.getenv().forEach((name, value) -> envRouteKey(name).ifPresent(k -> routeKeys.put(k, value)));
        for (String name : System.getProperties().stringPropertyNames()) {
            routeKey(name, "smsswitch.").ifPresent(k -> routeKeys.put(k, System.getProperty(name)));
        }
        values.putAll(routeKeys);
        for (String key : java.util.List.copyOf(values.keySet())) {
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

    private static java.util.Optional<String> routeKey(String name, String prefix) {
        if (!name.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        String key = name.substring(prefix.length());
        return ROUTE_KEY.matcher(key).matches() ? java.util.Optional.of(key) : java.util.Optional.empty();
    }

    /** SMSSWITCH_CARRIER_ROUTE_VZW_SYSTEM_ID is carrier.route.vzw.system-id. */
    static java.util.Optional<String> envRouteKey(String name) {
        String prefix = "SMSSWITCH_CARRIER_ROUTE_";
        if (!name.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        String rest = name.substring(prefix.length());
        for (String field : ROUTE_FIELDS) {
            String suffix = "_" + field.toUpperCase(Locale.ROOT).replace('-', '_');
            if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                String route = rest.substring(0, rest.length() - suffix.length()).toLowerCase(Locale.ROOT);
                String key = "carrier.route." + route + "." + field;
                return ROUTE_KEY.matcher(key).matches() ? java.util.Optional.of(key) : java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }

    private static void refuseUnknown(Map<String, String> values, Iterable<String> contextParameterNames) {
        Set<String> envNames = new java.util.HashSet<>();
        values.keySet().forEach(k -> envNames.add(envName(k)));
        for (String name : System.getenv().keySet()) {
            if (name.startsWith("SMSSWITCH_") && !name.startsWith("SMSSWITCH_TEST_") && !envNames.contains(name)
                    && !NOT_SETTINGS.contains(name) && envRouteKey(name).isEmpty()) {
                throw new IllegalArgumentException("Unknown setting in the environment: " + name);
            }
        }
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("smsswitch.") && !name.startsWith("smsswitch.test.") && !NOT_SETTINGS.contains(name)
                    && !values.containsKey(name.substring("smsswitch.".length()))
                    && routeKey(name, "smsswitch.").isEmpty()) {
                throw new IllegalArgumentException("Unknown setting in the system properties: " + name);
            }
        }
        for (String name : contextParameterNames) {
            if (name.startsWith("smsswitch.") && !values.containsKey(name.substring("smsswitch.".length()))
                    && routeKey(name, "smsswitch.").isEmpty()) {
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

    /** The extra carrier routes named in carrier.routes (besides the default route). */
    public java.util.List<String> routes() {
        String list = get("carrier.routes");
        if (list.isEmpty()) {
            values.keySet().stream().filter(k -> ROUTE_KEY.matcher(k).matches()).findFirst().ifPresent(k -> {
                throw new IllegalArgumentException(k + " is set, but carrier.routes names no routes");
            });
            return java.util.List.of();
        }
        java.util.List<String> names = java.util.List.of(list.split("\\s*,\\s*"));
        if (Set.copyOf(names).size() != names.size()) {
            throw new IllegalArgumentException("carrier.routes names a route twice: " + list);
        }
        for (String key : values.keySet()) {
            java.util.regex.Matcher m = ROUTE_KEY.matcher(key);
            if (m.matches() && !names.contains(m.group(1))) {
                throw new IllegalArgumentException(key + " is set, but carrier.routes does not name route "
                        + m.group(1));
            }
        }
        for (String name : names) {
            if (!name.matches("[a-z0-9]+") || name.equals("default")) {
                throw new IllegalArgumentException("carrier.routes: '" + name
                        + "' is not a route name (lower-case letters and digits, not 'default')");
            }
        }
        return names;
    }

    /**
     * A setting of an extra route: carrier.route.NAME.FIELD, or else the default route's
     * carrier.smpp.FIELD for the fields that may be shared (window, rates, timeouts, system and bind type).
     */
    public String route(String route, String field) {
        String value = values.get("carrier.route." + route + "." + field);
        if (value != null && !value.isBlank()) {
            return value.strip();
        }
        if (Set.of("window", "max-mps", "response-timeout-seconds", "system-type", "bind-type").contains(field)) {
            return get("carrier.smpp." + field);
        }
        if (field.equals("carrier-name")) {
            return "";
        }
        throw new IllegalArgumentException("Route " + route + " needs the setting carrier.route." + route + "."
                + field);
    }

    public boolean isBlank(String key) {
        return get(key).isEmpty();
    }

    /** Every setting, secrets masked: for the start-up log. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        values.keySet().stream().sorted().forEach(key -> {
            String v = values.get(key);
            String shown = (SECRET.contains(key) || key.endsWith(".password")) && !v.isEmpty() ? "****"
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
            if (!values.containsKey(e.getKey()) && !ROUTE_KEY.matcher(e.getKey()).matches()) {
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
