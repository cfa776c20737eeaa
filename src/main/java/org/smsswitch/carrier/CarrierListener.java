package org.smsswitch.carrier;

/**
 * Receives what a carrier sends back: delivery receipts and mobile-originated messages.
 *
 * <p>Called on the carrier connection's I/O worker threads, and the carrier waits for the answer to
 * its PDU until the call returns: store the event and return; process it elsewhere. Implementations
 * must be thread-safe. An exception tells the carrier to send the event again later.
 */
public interface CarrierListener {

    void onDeliveryReceipt(DeliveryReceipt receipt);

    void onMobileOriginated(InboundSms mo);
}
