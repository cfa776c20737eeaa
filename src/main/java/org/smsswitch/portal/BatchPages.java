package org.smsswitch.portal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smsswitch.model.SwitchException;
import org.smsswitch.send.CancelService;
import org.smsswitch.status.ActivityService;
import org.smsswitch.status.ActivityService.BatchProgress;

/**
 * The Batches page: each list or subscription send with a bar of queued, sent, delivered and failed
 * that refreshes while the batch runs, and a cancel for what is not yet sent.
 */
public final class BatchPages {
    private static final Logger log = LoggerFactory.getLogger(BatchPages.class);
    /** The most batches the page lists. */
    public static final int SHOWN = 50;

    private final ActivityService activity;
    private final CancelService cancels;

    public BatchPages(ActivityService activity, CancelService cancels) {
        this.activity = activity;
        this.cancels = cancels;
    }

    public void list(Page page) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("batches", activity.batches(page.caller(), SHOWN));
        page.field("cancelled").ifPresent(n -> model.put("notice", n + " message(s) of batch "
                + page.field("batch").orElse("") + " cancelled; those already sent keep their status."));
        page.render("batches", model);
    }

    /**
     * GET /batches/progress?id=1&id=2: each batch's counts, as JSON, for the bars' refresh; at most
     * {@link #SHOWN} ids, another account's left out.
     */
    public void progress(Page page, String[] ids) throws IOException {
        List<Long> wanted = new ArrayList<>();
        for (String raw : ids == null ? new String[0] : ids) {
            try {
                wanted.add(Long.parseLong(raw.strip()));
            } catch (NumberFormatException e) {
                page.fail(HttpServletResponse.SC_BAD_REQUEST, "id is a batch number, not '" + raw + "'.");
                return;
            }
        }
        if (wanted.size() > SHOWN) {
            page.fail(HttpServletResponse.SC_BAD_REQUEST, "At most " + SHOWN + " batches at once.");
            return;
        }
        List<BatchProgress> found = activity.batches(page.caller(), wanted);
        if (found.size() < new java.util.HashSet<>(wanted).size()) {
            page.fail(HttpServletResponse.SC_NOT_FOUND, "A batch asked for was not found.");
            return;
        }
        page.json(found.stream().map(BatchPages::json).toList());
    }

    /** POST /batches/cancel: cancels the batch's messages not yet sent. */
    public void cancel(Page page) throws IOException {
        try {
            long id = page.number("batch").orElseThrow(() -> SwitchException.missing("batch"));
            long account = activity.batchAccount(page.caller(), id);
            int cancelled = cancels.cancelBatch(account, Long.toString(id));
            log.info("Portal: {} cancelled {} message(s) of batch {}", page.caller().username(), cancelled, id);
            page.redirect("/batches?batch=" + id + "&cancelled=" + cancelled);
        } catch (SwitchException e) {
            page.fail(e);
        }
    }

    private static Map<String, Object> json(BatchProgress b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("messages", b.messages());
        m.put("queued", b.queued());
        m.put("sent", b.sent());
        m.put("delivered", b.delivered());
        m.put("failed", b.failed());
        m.put("cancelled", b.cancelled());
        m.put("percentDone", b.percentDone());
        return m;
    }
}
