package org.smsswitch.bench;

import java.util.ArrayList;
import java.util.List;
import org.smsswitch.api.ws.SendListResponse;
import org.smsswitch.api.ws.SmsPortType;
import org.smsswitch.testing.DemoRequests;
import org.smsswitch.testing.SoapClients;

/**
 * The client side of the queue benchmark, in a process of its own so that the benchmark's JVM holds
 * only the switch: opts {@code count} numbers from {@code first} in to ALERTS as the demo account,
 * sends them one SendList, and prints {@code accepted <batchId> <numbers queued> <seconds the call took>}.
 *
 * <p>Arguments: {@code baseUrl first count}.
 */
public final class SendListClient {
    private SendListClient() {
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        int first = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        List<String> to = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            to.add("+1555" + String.format("%07d", first + i));
        }
        SmsPortType demo = SoapClients.sms(baseUrl, "demo", "demo");
        demo.optIn(DemoRequests.listOptIn(to, "benchmark list"));
        long start = System.nanoTime();
        SendListResponse accepted = demo.sendList(DemoRequests.alertsList(
                "Crews are working on an outage in your area. We expect power back by 6 pm.", to));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("accepted " + accepted.getBatchId() + " " + accepted.getAccepted() + " " + seconds);
    }
}
