package org.smsswitch.portal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.smsswitch.model.SwitchException;
import org.smsswitch.numbers.PhoneNumber;
import org.smsswitch.status.ActivityService;

/** The Messages pages: a search by number, batch, keyword and days, and one message's whole history. */
public final class MessagePages {
    private final ActivityService activity;

    public MessagePages(ActivityService activity) {
        this.activity = activity;
    }

    /** GET /messages: the form, and what it finds when any field is given. */
    public void search(Page page) throws IOException {
        Map<String, Object> model = new HashMap<>();
        for (String field : new String[] {"number", "batch", "keyword", "from", "to"}) {
            model.put(field, page.field(field).orElse(""));
        }
        boolean asked = page.field("number").isPresent() || page.field("batch").isPresent()
                || page.field("keyword").isPresent() || page.field("from").isPresent() || page.field("to").isPresent();
        if (asked) {
            try {
                Instant to = page.day("to").map(day -> day.plus(Duration.ofDays(1))).orElse(null);
                ActivityService.MessageQuery query = new ActivityService.MessageQuery(
                        page.field("number").map(n -> PhoneNumber.parse(n, "number")).orElse(null),
                        page.number("batch").orElse(null),
                        page.field("keyword").map(k -> k.toUpperCase(Locale.ROOT)).orElse(null),
                        page.day("from").orElse(null), to);
                ActivityService.Found found = activity.search(page.caller(), query);
                model.put("found", found);
                model.put("max", ActivityService.MAX_FOUND);
            } catch (SwitchException e) {
                model.put("error", e.getMessage());
            }
        }
        page.render("messages", model);
    }

    /** GET /messages/view?id=: one message, every status it has had. */
    public void view(Page page) throws IOException {
        try {
            long id = page.number("id").orElseThrow(() -> SwitchException.missing("id"));
            page.render("message", Map.of("m", activity.message(page.caller(), id)));
        } catch (SwitchException e) {
            page.fail(e);
        }
    }
}
