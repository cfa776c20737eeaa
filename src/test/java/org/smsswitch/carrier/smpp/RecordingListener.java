package org.smsswitch.carrier.smpp;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.smsswitch.carrier.CarrierListener;
import org.smsswitch.carrier.DeliveryReceipt;
import org.smsswitch.carrier.InboundSms;

/** Stores and returns at once, as a listener should; a test may hook a step into receipt handling. */
final class RecordingListener implements CarrierListener {
    final BlockingQueue<DeliveryReceipt> receipts = new LinkedBlockingQueue<>();
    final BlockingQueue<InboundSms> mos = new LinkedBlockingQueue<>();
    volatile boolean failing;
    volatile Runnable onReceipt = () -> {};

    @Override
    public void onDeliveryReceipt(DeliveryReceipt receipt) {
        receipts.add(receipt);
        onReceipt.run();
    }

    @Override
    public void onMobileOriginated(InboundSms mo) {
        if (failing) {
            throw new IllegalStateException("simulated listener failure");
        }
        mos.add(mo);
    }
}
