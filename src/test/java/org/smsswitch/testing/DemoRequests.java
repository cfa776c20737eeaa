package org.smsswitch.testing;

import java.util.List;
import org.smsswitch.api.ws.OptIn;
import org.smsswitch.api.ws.OptInKind;
import org.smsswitch.api.ws.SendList;

/** Requests on the demo short code 55555 and its keyword ALERTS. */
public final class DemoRequests {
    private DemoRequests() {
    }

    /** An uploaded list's opt-in to ALERTS. */
    public static OptIn listOptIn(List<String> numbers, String proof) {
        OptIn optIn = new OptIn();
        optIn.setShortCode("55555");
        optIn.setKeyword("ALERTS");
        optIn.setKind(OptInKind.LIST);
        optIn.setProof(proof);
        optIn.getNumber().addAll(numbers);
        return optIn;
    }

    /** One text to every listed number, on ALERTS. */
    public static SendList alertsList(String text, List<String> numbers) {
        SendList list = new SendList();
        list.setShortCode("55555");
        list.setKeyword("ALERTS");
        list.setText(text);
        list.getTo().addAll(numbers);
        return list;
    }
}
