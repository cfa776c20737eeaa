package org.smsswitch.status;

import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.persistence.Transactions;

/**
 * Answers GetStatus: an account's messages by id, a batch's counts by status, and the account's changes
 * since a cursor; nobody else's.
 */
public final class StatusService {
    public static final int MAX_IDS = 1000;
    public static final int DEFAULT_PAGE = 1000;
    public static final int MAX_PAGE = 5000;
    /** Status events given their feed places in one pass. */
    private static final int FEED_PASS = 10_000;
    private static final int UPDATE_BATCH = 500;

    /** How many of a batch's messages have one pair of statuses. */
    public record StatusCount(ImmediateStatus immediateStatus, DeliveryStatus deliveryStatus, long count) {
    }

    /**
     * Changes in the order they became visible, and the cursor to give next time (the same one when
     * there was nothing new).
     */
    public record FeedPage(List<MessageView> changes, String nextCursor) {
    }

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

    /**
     * How far a batch has got: its messages counted by immediate and delivery status.
     *
     * @throws SwitchException {@code NOT_FOUND} when it is not one of the caller's batches
     */
    public List<StatusCount> batchCounts(long accountId, String batchId) {
        long id = parseId(batchId, "batchId", "Batch");
        return tx.call(s -> {
            MtBatch batch = s.find(MtBatch.class, id);
            if (batch == null || batch.accountId() != accountId) {
                throw new SwitchException(ErrorCode.NOT_FOUND, "batchId", "Batch " + batchId + " was not found.");
            }
            return s.createSelectionQuery("""
                            select m.immediateStatus, m.deliveryStatus, count(m) from MtMessage m
                            where m.batchId = :b group by m.immediateStatus, m.deliveryStatus""", Object[].class)
                    .setParameter("b", id)
                    .getResultList().stream()
                    .map(r -> new StatusCount((ImmediateStatus) r[0], (DeliveryStatus) r[1], (Long) r[2]))
                    .sorted(Comparator.comparing((StatusCount c) -> c.immediateStatus().ordinal())
                            .thenComparing(c -> c.deliveryStatus().ordinal()))
                    .toList();
        });
    }

    /**
     * Every status change of the account's messages after {@code cursor} ("" for the first call), at most
     * {@code maxResults} of them, each once: a change is given its place in the feed only after it is
     * committed, so one committed late by a long transaction comes after the cursor, not before it.
     *
     * @param maxResults null for {@link #DEFAULT_PAGE}
     */
    public FeedPage changes(long accountId, String cursor, Integer maxResults) {
        int limit = maxResults == null ? DEFAULT_PAGE : maxResults;
        if (limit < 1 || limit > MAX_PAGE) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "maxResults",
                    "maxResults is from 1 to " + MAX_PAGE + ", not " + limit + ".");
        }
        long after = parseCursor(cursor);
        long last = placeNewChanges(accountId);
        if (after > last) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "cursor",
                    "'" + cursor + "' is not a cursor GetStatus gave this account.");
        }
        return tx.call(s -> {
            List<Object[]> rows = s.createSelectionQuery("""
                            select e, m, coalesce(c.code, m.sourceNumber), k.word from MtStatusEvent e
                            join MtMessage m on m.id = e.messageId
                            left join ShortCode c on c.id = m.shortCodeId
                            left join Keyword k on k.id = m.keywordId
                            where e.accountId = :a and e.feedSeq > :after order by e.feedSeq""", Object[].class)
                    .setParameter("a", accountId)
                    .setParameter("after", after)
                    .setMaxResults(limit)
                    .getResultList();
            List<MessageView> changes = new ArrayList<>(rows.size());
            long next = after;
            for (Object[] row : rows) {
                MtStatusEvent e = (MtStatusEvent) row[0];
                changes.add(MessageView.asOf(e, (MtMessage) row[1], (String) row[2], (String) row[3]));
                next = e.feedSeq();
            }
            return new FeedPage(changes, Long.toString(next));
        });
    }

    /**
     * Gives the account's committed status events that have no feed place yet their places, oldest
     * first, under the feed row's lock; returns the last place given out.
     */
    private long placeNewChanges(long accountId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.call(s -> {
                    StatusFeed feed = s.find(StatusFeed.class, accountId, LockModeType.PESSIMISTIC_WRITE);
                    if (feed == null) {
                        // The account's first poll; of two at once, one fails here and tries again.
                        feed = new StatusFeed(accountId);
                        s.persist(feed);
                        s.flush();
                    }
                    List<Long> unplaced = s.createSelectionQuery("""
                                    select e.id from MtStatusEvent e where e.accountId = :a and e.feedSeq is null
                                    order by e.occurredAt, e.id""", Long.class)
                            .setParameter("a", accountId)
                            .setMaxResults(FEED_PASS)
                            .getResultList();
                    StatusFeed placing = feed;
                    s.doWork(connection -> {
                        try (PreparedStatement update = connection.prepareStatement(
                                "UPDATE mt_status_events SET feed_seq = ? WHERE id = ?")) {
                            for (int i = 0; i < unplaced.size(); i++) {
                                update.setLong(1, placing.next());
                                update.setLong(2, unplaced.get(i));
                                update.addBatch();
                                if ((i + 1) % UPDATE_BATCH == 0 || i == unplaced.size() - 1) {
                                    update.executeBatch();
                                }
                            }
                        }
                    });
                    return feed.lastSeq();
                });
            } catch (PersistenceException e) {
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    private static long parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            long value = Long.parseLong(cursor.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new SwitchException(ErrorCode.INVALID_FIELD, "cursor",
                "'" + cursor + "' is not a cursor GetStatus gave this account.");
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
                        select m, coalesce(c.code, m.sourceNumber), k.word from MtMessage m
                        left join ShortCode c on c.id = m.shortCodeId
                        left join Keyword k on k.id = m.keywordId
                        where m.id in :ids and m.accountId = :account""", Object[].class)
                .setParameter("ids", ids)
                .setParameter("account", accountId)
                .getResultList();
        Map<Long, List<MessageView.Transition>> histories = new HashMap<>();
        if (!rows.isEmpty()) {
            Map<Long, Instant> readAsOf = new HashMap<>();
            rows.forEach(row -> readAsOf.put(((MtMessage) row[0]).id(), ((MtMessage) row[0]).updatedAt()));
            List<MtStatusEvent> events = s.createSelectionQuery(
                            "from MtStatusEvent e where e.messageId in :ids order by e.occurredAt, e.id",
                            MtStatusEvent.class)
                    .setParameter("ids", ids)
                    .getResultList();
            for (MtStatusEvent e : events) {
                if (e.occurredAt().isAfter(readAsOf.get(e.messageId()))) {
                    // Committed between the two reads: the history stops where the status read stands.
                    continue;
                }
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
        return parseId(raw, "messageId", "Message");
    }

    /** An id of a batch or message as a client gave it; anything not one of ours reads as not found. */
    public static long parseId(String raw, String field, String what) {
        if (raw == null || raw.isBlank()) {
            throw SwitchException.missing(field);
        }
        try {
            long id = Long.parseLong(raw.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new SwitchException(ErrorCode.NOT_FOUND, field, what + " " + raw + " was not found.");
    }
}
