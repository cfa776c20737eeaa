/**
 * The carrier boundary, neutral of protocol: {@link org.smsswitch.carrier.CarrierGateway} submits
 * short messages and reports what carriers say back; {@link org.smsswitch.carrier.CarrierRoutes}
 * names the gateways and {@link org.smsswitch.carrier.CarrierTable} says which carrier and route
 * serve a number. Implementations live in sub-packages ({@code carrier.smpp}); this package depends
 * on nothing else in the switch.
 */
package org.smsswitch.carrier;
