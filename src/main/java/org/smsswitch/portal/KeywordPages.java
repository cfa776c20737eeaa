package org.smsswitch.portal;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.optin.Keyword;
import org.smsswitch.optin.KeywordDefinition;
import org.smsswitch.optin.KeywordService;
import org.smsswitch.optin.LimitPeriod;

/**
 * The Keywords pages: the list, and the form that registers or changes a keyword, with the carriers'
 * message rules checked as the text is typed (by the same checks that registration applies). An
 * operator registers keywords for any account and changes anything but the short code, word and
 * account; a client changes its own keywords' service name, messages and application.
 */
public final class KeywordPages {
    private static final Logger log = LoggerFactory.getLogger(KeywordPages.class);
    private static final List<String> MESSAGES = List.of("welcomeText", "helpText", "quitText");

    private final KeywordService keywords;

    public KeywordPages(KeywordService keywords) {
        this.keywords = keywords;
    }

    public void list(Page page) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("keywords", keywords.list(page.caller()));
        model.put("operator", page.caller().isOperator());
        page.field("saved").ifPresent(word -> model.put("notice", "Keyword " + word + " saved."));
        page.render("keywords", model);
    }

    /** GET /keywords/new (operators) or /keywords/edit?id=. */
    public void form(Page page, boolean creating) throws IOException {
        try {
            Keyword existing = creating ? null : existing(page);
            if (creating) {
                requireOperator(page);
            }
            KeywordDefinition d = existing != null ? existing.definition()
                    : new KeywordDefinition("", "", "", "", false, null, null, true, false, "", "", "", null, false);
            render(page, existing, d, null);
        } catch (SwitchException e) {
            page.fail(e);
        }
    }

    /** POST /keywords/new or /keywords/edit: registers or changes, or shows the form again with the refusal. */
    public void save(Page page, boolean creating) throws IOException {
        Keyword existing;
        KeywordDefinition d;
        try {
            existing = creating ? null : existing(page);
            if (creating) {
                requireOperator(page);
            }
            d = fromForm(page, existing);
        } catch (SwitchException e) {
            page.fail(e);
            return;
        }
        try {
            Keyword saved = creating ? keywords.create(d) : keywords.update(page.caller(), existing.id(), d);
            log.info("Portal: {} {} keyword {} on {}", page.caller().username(), creating ? "registered" : "changed",
                    saved.word(), saved.shortCode().code());
            page.redirect("/keywords?saved=" + saved.word());
        } catch (SwitchException e) {
            render(page, existing, d, e.getMessage());
        }
    }

    /** POST /keywords/check: the form's problems, field by field, and each message's length, as JSON. */
    public void check(Page page) throws IOException {
        KeywordDefinition d;
        try {
            d = fromForm(page, page.field("id").isPresent() ? existing(page) : null);
        } catch (SwitchException e) {
            page.json(Map.of("problems", Map.of(e.field() == null ? "keyword" : e.field(), List.of(e.getMessage())),
                    "lengths", Map.of()));
            return;
        }
        page.json(Map.of("problems", KeywordService.problems(d), "lengths", lengths(d)));
    }

    private Keyword existing(Page page) {
        long id = page.number("id").orElseThrow(() -> SwitchException.missing("id"));
        return keywords.find(page.caller(), id);
    }

    private static void requireOperator(Page page) {
        if (!page.caller().isOperator()) {
            throw new SwitchException(ErrorCode.ACCESS_DENIED, null,
                    "Keywords are registered by an operator; ask yours for a new one.");
        }
    }

    /** What the form says; for a client changing its keyword, the limits and kind stay as they are. */
    private static KeywordDefinition fromForm(Page page, Keyword existing) {
        KeywordDefinition was = existing == null ? null : existing.definition();
        boolean keepsLimits = was != null && !page.caller().isOperator();
        Integer max = keepsLimits ? was.maxMessages() : page.integer("maxMessages").orElse(null);
        LimitPeriod period = keepsLimits ? was.period() : page.field("period").map(KeywordPages::period).orElse(null);
        return new KeywordDefinition(
                was != null ? was.shortCode() : page.field("shortCode").orElse(null),
                was != null ? was.word() : page.field("keyword").orElse(null),
                was != null ? was.account() : page.field("account").orElse(null),
                page.field("serviceName").orElse(null),
                keepsLimits ? was.recurring() : page.checked("recurring"),
                max, period,
                keepsLimits ? was.optInRequired() : page.checked("optInRequired"),
                keepsLimits ? was.outage() : page.checked("outage"),
                page.field("welcomeText").orElse(null),
                page.field("helpText").orElse(null),
                page.field("quitText").orElse(null),
                page.field("applicationUrl").orElse(null),
                page.checked("applicationSendsExit"));
    }

    private static LimitPeriod period(String value) {
        try {
            return LimitPeriod.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "period", "period is DAY, WEEK or MONTH, not '"
                    + value + "'.");
        }
    }

    private static Map<String, Integer> lengths(KeywordDefinition d) {
        Map<String, Integer> lengths = new LinkedHashMap<>();
        lengths.put("welcomeText", d.welcomeText() == null ? 0 : d.welcomeText().length());
        lengths.put("helpText", d.helpText() == null ? 0 : d.helpText().length());
        lengths.put("quitText", d.quitText() == null ? 0 : d.quitText().length());
        return lengths;
    }

    private static void render(Page page, Keyword existing, KeywordDefinition d, String error) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("k", d);
        model.put("id", existing == null ? null : existing.id());
        model.put("operator", page.caller().isOperator());
        model.put("periods", LimitPeriod.values());
        model.put("messages", MESSAGES);
        model.put("problems", existing == null && error == null ? Map.of() : KeywordService.problems(d));
        model.put("lengths", lengths(d));
        model.put("maxLength", KeywordService.MAX_MESSAGE_LENGTH);
        if (error != null) {
            model.put("error", error);
        }
        page.render("keyword", model);
    }
}
