package org.smsswitch.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CarrierRoutesTest {

    private final FakeGateway verizon = new FakeGateway(false);
    private final FakeGateway aggregator = new FakeGateway(false);

    private CarrierRoutes routes() {
        Map<String, CarrierGateway> gateways = new LinkedHashMap<>();
        gateways.put("verizon", verizon);
        gateways.put("aggregator", aggregator);
        return new CarrierRoutes(gateways, "aggregator");
    }

    @Test
    void a_known_route_gives_its_gateway() {
        assertSame(verizon, routes().gateway("verizon"));
        assertEquals("verizon", routes().resolve("verizon"));
    }

    @Test
    void an_unknown_or_missing_route_gives_the_default() {
        CarrierRoutes routes = routes();

        assertSame(aggregator, routes.gateway("sprint"));
        assertSame(aggregator, routes.gateway(null));
        assertEquals("aggregator", routes.resolve("sprint"));
        assertEquals("aggregator", routes.defaultRoute());
        assertEquals(List.of("verizon", "aggregator"), List.copyOf(routes.routeNames()));
    }

    @Test
    void the_default_must_be_one_of_the_routes() {
        assertThrows(IllegalArgumentException.class, () -> new CarrierRoutes(Map.of("verizon", verizon), "tmo"));
        assertThrows(IllegalArgumentException.class, () -> new CarrierRoutes(Map.of(), "tmo"));
        assertThrows(IllegalArgumentException.class, () -> new CarrierRoutes(Map.of(" ", verizon), " "));
    }

    @Test
    void close_closes_every_gateway_even_after_one_fails() {
        FakeGateway failing = new FakeGateway(true);
        Map<String, CarrierGateway> gateways = new LinkedHashMap<>();
        gateways.put("failing", failing);
        gateways.put("verizon", verizon);

        new CarrierRoutes(gateways, "verizon").close();

        assertTrue(failing.closed);
        assertTrue(verizon.closed);
    }

    @Test
    void single_makes_its_one_route_the_default() {
        CarrierRoutes routes = CarrierRoutes.single("sim", verizon);

        assertSame(verizon, routes.gateway("other"));
        assertEquals("sim", routes.defaultRoute());
    }

    private static final class FakeGateway implements CarrierGateway {
        private final boolean failOnClose;
        boolean closed;

        FakeGateway(boolean failOnClose) {
            this.failOnClose = failOnClose;
        }

        @Override
        public SubmitResult submit(OutboundSms sms) {
            return SubmitResult.accepted(List.of("1"));
        }

        @Override
        public void close() {
            closed = true;
            if (failOnClose) {
                throw new IllegalStateException("socket already gone");
            }
        }
    }
}
