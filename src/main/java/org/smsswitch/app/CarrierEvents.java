package org.smsswitch.app;

import java.time.Clock;
import org.smsswitch.carrier.CarrierListener;
import org.smsswitch.carrier.DeliveryReceipt;
import org.smsswitch.carrier.InboundSms;
import org.smsswitch.mo.InboundMessage;
import org.smsswitch.persistence.Transactions;
import org.smsswitch.status.DeliveryTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a carrier bind sends the switch: receipts go to the delivery tracker, texts from phones are
 * stored as inbound messages. Both are stored before the carrier gets its acknowledgement.
 */
final class CarrierEvents implements CarrierListener {
    private static final Logger log = LoggerFactory.getLogger(CarrierEvents.class);

    private final DeliveryTracker tracker;
    private final Transactions tx;
    private final Clock clock;
    private final String route;

    CarrierEvents(DeliveryTracker tracker, Transactions tx, Clock clock, String route) {
        this.tracker = tracker;
        this.tx = tx;
        this.clock = clock;
        this.route = route;
    }

    @Override
    public void onDeliveryReceipt(DeliveryReceipt receipt) {
        tracker.receive(receipt, route);
    }

    @Override
    public void onMobileOriginated(InboundSms mo) {
        long id = tx.call(s -> {
            InboundMessage message = new InboundMessage(mo.source(), mo.destination(), mo.text(), "SMPP", null, null,
                    mo.carrierName(), clock.instant());
            s.persist(message);
            return message.id();
        });
        log.info("Stored inbound message {} from {} to {} over SMPP", id, mo.source(), mo.destination());
    }
}
