/**
 * The SMPP 3.4 carrier connection, built on jSMPP: {@link
 * org.smsswitch.carrier.smpp.SmppCarrierGateway} (an ESME bound as transceiver) and {@link
 * org.smsswitch.carrier.smpp.SmppSimulator} (an in-process SMSC for tests and local runs). Uses only
 * {@code org.smsswitch.carrier} and jSMPP; jSMPP types do not leave this package's implementation.
 */
package org.smsswitch.carrier.smpp;
