package org.smsswitch.portal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.smsswitch.model.SwitchException;
import org.smsswitch.numbers.NumberService;
import org.smsswitch.numbers.PortingService;

/**
 * The Numbers page: an account's long numbers with their offices and answers, its contract usage
 * against its limit, and its porting requests. An operator sees the whole pool, or one account's
 * (?account=).
 */
public final class NumbersPage {
    private final NumberService numbers;
    private final PortingService porting;

    public NumbersPage(NumberService numbers, PortingService porting) {
        this.numbers = numbers;
        this.porting = porting;
    }

    public void show(Page page) throws IOException {
        String account = page.caller().isOperator() ? page.field("account").orElse(null) : page.caller().username();
        Map<String, Object> model = new HashMap<>();
        try {
            model.put("numbers", numbers.list(account));
            model.put("usage", account == null ? null : numbers.usage(account));
            model.put("requests", porting.list(account, null));
        } catch (SwitchException e) {
            page.fail(e);
            return;
        }
        model.put("account", account);
        model.put("operator", page.caller().isOperator());
        page.render("numbers", model);
    }
}
