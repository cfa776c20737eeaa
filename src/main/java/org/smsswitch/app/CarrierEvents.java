package org.smsswitch.app;

import org.smsswitch.carrier.CarrierListener;
import org.smsswitch.carrier.DeliveryReceipt;
import org.smsswitch.carrier.InboundSms;
import org.smsswitch.mo.MoService;
import org.smsswitch.model.SwitchException;
import org.smsswitch.numbers.PhoneNumber;
import org.smsswitch.status.DeliveryTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a carrier bind sends the switch: receipts go to the delivery tracker, texts from phones to the
 * MO service, which processes them as it does those an aggregator posts. Both are stored before the
 * carrier gets its acknowledgement.
 */
final class CarrierEvents implements CarrierListener {
    private static final Logger log = LoggerFactory.getLogger(CarrierEvents.class);

    private final DeliveryTracker tracker;
    private final MoService mo;
    private final String route;

    CarrierEvents(DeliveryTracker tracker, MoService mo, String route) {
        this.tracker = tracker;
        this.mo = mo;
        this.route = route;
    }

    @Override
    public void onDeliveryReceipt(DeliveryReceipt receipt) {
        tracker.receive(receipt, route);
    }

    @Override
    public void onMobileOriginated(InboundSms sms) {
        String from;
        try {
            from = PhoneNumber.parse(sms.source(), "source");
        } catch (SwitchException e) {
            // Kept as the carrier sent it (cut to the column): refusing it would have it sent again forever.
            from = sms.source().length() <= 16 ? sms.source() : sms.source().substring(0, 16);
        }
        MoService.Received received = mo.receive(new MoService.Inbound(from, sms.destination(), sms.text(),
                "SMPP", null, null, sms.carrierName(), null));
        log.debug("Stored inbound message {} from {} to {} over SMPP (route {})", received.id(), sms.source(),
                sms.destination(), route);
    }
}
