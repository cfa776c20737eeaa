package org.smsswitch.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsmpp.bean.BindType;
import org.smsswitch.carrier.CarrierRoutes;
import org.smsswitch.carrier.smpp.SmppBindConfig;
import org.smsswitch.carrier.smpp.SmppCarrierGateway;
import org.smsswitch.carrier.smpp.SmppSimulator;
import org.smsswitch.mo.MoService;
import org.smsswitch.status.DeliveryTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier side as configured: the default route (carrier.smpp.*) and any more routes
 * (carrier.routes, carrier.route.NAME.*), each an SMPP bind; in simulator mode every route binds to
 * the built-in simulator, with its route name as system_id.
 */
final class CarrierBinds implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CarrierBinds.class);

    final SmppSimulator simulator;
    final CarrierRoutes routes;
    /** Receiver binds of TX+RX routes: they take receipts and MOs, never submits. */
    private final java.util.List<SmppCarrierGateway> receivers;
    /** The carrier behind each route, where configured. */
    final Map<String, String> carrierNames;

    private CarrierBinds(SmppSimulator simulator, CarrierRoutes routes, java.util.List<SmppCarrierGateway> receivers,
            Map<String, String> carrierNames) {
        this.simulator = simulator;
        this.routes = routes;
        this.receivers = receivers;
        this.carrierNames = carrierNames;
    }

    static CarrierBinds start(Config config, DeliveryTracker tracker, MoService mo) {
        String mode = config.get("carrier.mode");
        if (!mode.equals("simulator") && !mode.equals("smpp")) {
            throw new IllegalArgumentException("carrier.mode must be simulator or smpp, not '" + mode + "'");
        }
        boolean simulated = mode.equals("simulator");
        SmppSimulator simulator = simulated ? SmppSimulator.start(config.getInt("carrier.simulator.port")) : null;
        Map<String, SmppCarrierGateway> gateways = new LinkedHashMap<>();
        java.util.List<SmppCarrierGateway> receivers = new java.util.ArrayList<>();
        Map<String, String> carrierNames = new HashMap<>();
        try {
            String defaultName = config.get("carrier.smpp.carrier-name");
            if (simulated) {
                log.info("Carrier: the built-in SMPP simulator on port {}", simulator.port());
                defaultName = defaultName.isEmpty() ? "Simulator" : defaultName;
            }
            SmppBindConfig defaultBind = (simulated
                    ? SmppBindConfig.builder("127.0.0.1", simulator.port(), "smsswitch", "sim")
                    : SmppBindConfig.builder(config.get("carrier.smpp.host"), config.getInt("carrier.smpp.port"),
                            config.get("carrier.smpp.system-id"), config.get("carrier.smpp.password")))
                    .systemType(config.get("carrier.smpp.system-type"))
                    .windowSize(config.getInt("carrier.smpp.window"))
                    .maxMessagesPerSecond(config.getInt("carrier.smpp.max-mps"))
                    .responseTimeout(Duration.ofSeconds(config.getInt("carrier.smpp.response-timeout-seconds")))
                    .build();
            add(gateways, receivers, SmsSwitch.DEFAULT_ROUTE, defaultBind, config.get("carrier.smpp.bind-type"),
                    tracker, mo);
            name(carrierNames, SmsSwitch.DEFAULT_ROUTE, defaultName);
            for (String route : config.routes()) {
                SmppBindConfig bind = (simulated
                        ? SmppBindConfig.builder("127.0.0.1", simulator.port(), route, "sim")
                        : SmppBindConfig.builder(config.route(route, "host"),
                                Integer.parseInt(config.route(route, "port")), config.route(route, "system-id"),
                                config.route(route, "password")))
                        .systemType(config.route(route, "system-type"))
                        .windowSize(Integer.parseInt(config.route(route, "window")))
                        .maxMessagesPerSecond(Integer.parseInt(config.route(route, "max-mps")))
                        .responseTimeout(Duration.ofSeconds(
                                Integer.parseInt(config.route(route, "response-timeout-seconds"))))
                        .build();
                add(gateways, receivers, route, bind, config.route(route, "bind-type"), tracker, mo);
                name(carrierNames, route, config.route(route, "carrier-name"));
            }
            return new CarrierBinds(simulator, new CarrierRoutes(gateways, SmsSwitch.DEFAULT_ROUTE), receivers,
                    carrierNames);
        } catch (RuntimeException e) {
            gateways.values().forEach(SmppCarrierGateway::close);
            receivers.forEach(SmppCarrierGateway::close);
            if (simulator != null) {
                simulator.close();
            }
            throw e;
        }
    }

    private static void add(Map<String, SmppCarrierGateway> gateways, java.util.List<SmppCarrierGateway> receivers,
            String route, SmppBindConfig bind, String bindType, DeliveryTracker tracker, MoService mo) {
        switch (bindType) {
            case "TRX" -> gateways.put(route, bind(route, bind, tracker, mo));
            case "TX+RX" -> {
                gateways.put(route, bind(route, bind.withBindType(BindType.BIND_TX), tracker, mo));
                receivers.add(bind(route, bind.withBindType(BindType.BIND_RX), tracker, mo));
            }
            default -> throw new IllegalArgumentException("The bind type of route " + route
                    + " must be TRX or TX+RX, not '" + bindType + "'");
        }
    }

    private static SmppCarrierGateway bind(String route, SmppBindConfig bind, DeliveryTracker tracker,
            MoService mo) {
        // No carrier name on the bind: a receipt names a network only when the carrier said which
        // (TLV 0x1403), so the tracker never mistakes a route's default for a report.
        SmppCarrierGateway gateway = new SmppCarrierGateway(bind, null, route,
                new CarrierEvents(tracker, mo, route));
        log.info("Route {}: SMPP {}", route, bind);
        if (!gateway.start()) {
            log.warn("Route {} ({}) not bound yet; retrying in the background", route, bind.bindType());
        }
        return gateway;
    }

    private static void name(Map<String, String> names, String route, String carrierName) {
        if (!carrierName.isEmpty()) {
            names.put(route, carrierName);
        }
    }

    @Override
    public void close() {
        routes.close();
        receivers.forEach(SmppCarrierGateway::close);
        if (simulator != null) {
            simulator.close();
        }
    }
}
