package org.smsswitch.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.persistence.Transactions;

/** Answers GetStatus: an account's messages by id, and nobody else's. */
public final class StatusService {
    public static final int MAX_IDS = 1000;

    private final Transactions tx;

    public StatusService(Transactions tx) {
        this.tx = tx;
    }

    /**
     * The caller's messages with these ids, in the order asked.
     *
     * @throws SwitchException {@code NOT_FOUND} naming the first id that is not one of the caller's
     *     messages (whether it exists for another account or not at all)
     */
    public List<MessageView> byIds(long accountId, List<String> messageIds) {
        if (messageIds.size() > MAX_IDS) {
            throw new SwitchException(ErrorCode.TOO_MANY_NUMBERS, "messageId",
                    "At most " + MAX_IDS + " message ids in one GetStatus call.");
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String raw : messageIds) {
            ids.add(parseId(raw));
        }
        return tx.call(s -> {
            Map<Long, MessageView> found = load(s, accountId, ids);
            List<MessageView> views = new ArrayList<>(ids.size());
            for (Long id : ids) {
                MessageView view = found.get(id);
                if (view == null) {
                    throw new SwitchException(ErrorCode.NOT_FOUND, "messageId", "Message " + id + " was not found.");
                }
                views.add(view);
            }
            return views;
        });
    }

    /** One message of the account's, by id, in an open session. */
    public static MessageView view(Session s, long accountId, long id) {
        MessageView view = load(s, accountId, Set.of(id)).get(id);
        if (view == null) {
            throw new SwitchException(ErrorCode.NOT_FOUND, "messageId", "Message " + id + " was not found.");
        }
        return view;
    }

    private static Map<Long, MessageView> load(Session s, long accountId, Set<Long> ids) {
        List<Object[]> rows = s.createSelectionQuery("""
                        select m, c.code, k.word from MtMessage m
                        join ShortCode c on c.id = m.shortCodeId
                        left join Keyword k on k.id = m.keywordId
                        where m.id in :ids and m.accountId = :account""", Object[].class)
                .setParameter("ids", ids)
                .setParameter("account", accountId)
                .getResultList();
        Map<Long, List<MessageView.Transition>> histories = new HashMap<>();
        if (!rows.isEmpty()) {
            List<MtStatusEvent> events = s.createSelectionQuery(
                            "from MtStatusEvent e where e.messageId in :ids order by e.occurredAt, e.id",
                            MtStatusEvent.class)
                    .setParameter("ids", ids)
                    .getResultList();
            for (MtStatusEvent e : events) {
                histories.computeIfAbsent(e.messageId(), k -> new ArrayList<>()).add(new MessageView.Transition(
                        e.occurredAt(), e.immediateStatus(), e.deliveryStatus(), e.isFinal(), e.detail()));
            }
        }
        Map<Long, MessageView> views = new HashMap<>();
        for (Object[] row : rows) {
            MtMessage m = (MtMessage) row[0];
            views.put(m.id(), MessageView.of(m, (String) row[1], (String) row[2],
                    histories.getOrDefault(m.id(), List.of())));
        }
        return views;
    }

    /**
     * A message id as a client gave it; anything that is not one of ours reads as not found, the same
     * answer as another account's id.
     */
    public static long parseId(String raw) {
        if (raw == null || raw.isBlank()) {
            throw SwitchException.missing("messageId");
        }
        try {
            long id = Long.parseLong(raw.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new SwitchException(ErrorCode.NOT_FOUND, "messageId", "Message " + raw + " was not found.");
    }
}
