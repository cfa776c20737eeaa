package org.smsswitch.carrier;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier connections the switch sends through, by route name, with one route as the default
 * for messages whose route is unknown or not given. Immutable once built; closing it closes every
 * gateway.
 */
public final class CarrierRoutes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CarrierRoutes.class);

    private final Map<String, CarrierGateway> gateways;
    private final String defaultRoute;

    /**
     * @param gateways route name to gateway; not empty
     * @param defaultRoute one of the route names
     * @throws IllegalArgumentException when the default route is not among the gateways or a name is blank
     */
    public CarrierRoutes(Map<String, ? extends CarrierGateway> gateways, String defaultRoute) {
        Objects.requireNonNull(gateways, "gateways");
        Map<String, CarrierGateway> copy = new LinkedHashMap<>();
        gateways.forEach((name, gateway) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("route names must not be blank");
            }
            copy.put(name, Objects.requireNonNull(gateway, () -> "gateway of route " + name));
        });
        if (!copy.containsKey(defaultRoute)) {
            throw new IllegalArgumentException("default route '" + defaultRoute + "' is not one of " + copy.keySet());
        }
        this.gateways = Collections.unmodifiableMap(copy);
        this.defaultRoute = defaultRoute;
    }

    /** One gateway as the only, default, route. */
    public static CarrierRoutes single(String routeName, CarrierGateway gateway) {
        return new CarrierRoutes(Map.of(routeName, gateway), routeName);
    }

    /** The gateway of a route; an unknown or null route name gives the default route's. */
    public CarrierGateway gateway(String routeName) {
        return gateways.get(resolve(routeName));
    }

    /** The route a message for {@code routeName} takes: that one if known, else the default. */
    public String resolve(String routeName) {
        return routeName != null && gateways.containsKey(routeName) ? routeName : defaultRoute;
    }

    public String defaultRoute() {
        return defaultRoute;
    }

    /** The route names, in the order given. */
    public Set<String> routeNames() {
        return gateways.keySet();
    }

    /** Closes every gateway, each even when another fails to close. */
    @Override
    public void close() {
        for (Map.Entry<String, CarrierGateway> route : gateways.entrySet()) {
            try {
                route.getValue().close();
            } catch (RuntimeException e) {
                log.warn("Closing route {} failed", route.getKey(), e);
            }
        }
    }
}
