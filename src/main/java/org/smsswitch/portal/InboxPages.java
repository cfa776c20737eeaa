package org.smsswitch.portal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smsswitch.model.SwitchException;
import org.smsswitch.mo.ConversationService;

/** The Inbox: the conversations on the account's long numbers, and an agent's answer in one. */
public final class InboxPages {
    private static final Logger log = LoggerFactory.getLogger(InboxPages.class);
    private static final int SHOWN = 100;

    private final ConversationService conversations;

    public InboxPages(ConversationService conversations) {
        this.conversations = conversations;
    }

    public void list(Page page) throws IOException {
        page.render("inbox", Map.of("threads", conversations.inbox(page.caller(), SHOWN)));
    }

    /** GET /inbox/thread?number=&phone=. */
    public void thread(Page page) throws IOException {
        show(page, null, null);
    }

    /** POST /inbox/reply: the answer goes to the queue, and the conversation shows it. */
    public void reply(Page page) throws IOException {
        String number = page.field("number").orElse("");
        String phone = page.field("phone").orElse("");
        try {
            long id = conversations.reply(page.caller(), number, phone, page.raw("text"));
            log.info("Portal: {} answered {} from {} (message {})", page.caller().username(), phone, number, id);
            page.redirect("/inbox/thread?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8) + "&phone="
                    + URLEncoder.encode(phone, StandardCharsets.UTF_8) + "&sent=" + id);
        } catch (SwitchException e) {
            if (e.code() == org.smsswitch.model.ErrorCode.NOT_FOUND) {
                page.fail(e);
                return;
            }
            show(page, e.getMessage(), page.raw("text"));
        }
    }

    private void show(Page page, String error, String draft) throws IOException {
        Map<String, Object> model = new HashMap<>();
        try {
            model.put("c", conversations.conversation(page.caller(), page.field("number").orElse(""),
                    page.field("phone").orElse("")));
        } catch (SwitchException e) {
            page.fail(e);
            return;
        }
        page.field("sent").ifPresent(id -> model.put("notice", "Answer queued as message " + id + "."));
        if (error != null) {
            model.put("error", error);
        }
        model.put("draft", draft == null ? "" : draft);
        page.render("thread", model);
    }
}
