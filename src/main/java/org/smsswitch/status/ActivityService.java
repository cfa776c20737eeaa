package org.smsswitch.status;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;
import org.smsswitch.account.Account;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.persistence.Transactions;

/**
 * What the portal shows of the traffic: messages found by number, batch, keyword and time; each list
 * or subscription send with how far it has got; and the day-by-day counts of the dashboard. An
 * operator sees every account; a client only its own, whatever it asks for.
 */
public final class ActivityService {
    /** The most messages one search returns. */
    public static final int MAX_FOUND = 200;

    private final Transactions tx;

    public ActivityService(Transactions tx) {
        this.tx = tx;
    }

    /** A search; every field may be null. {@code to} is exclusive. */
    public record MessageQuery(String number, Long batchId, String keyword, Instant from, Instant to) {
    }

    /** One message in a search's results. */
    public record MessageRow(long id, String account, String destination, String shortCode, String keyword,
            Long batchId, ImmediateStatus immediateStatus, DeliveryStatus deliveryStatus, boolean isFinal,
            Instant createdAt, String body) {
    }

    /** One message with its whole history, and whose it is. */
    public record MessageDetail(MessageView view, String account, String body, String carrierName) {
    }

    /**
     * The newest messages that match, at most {@link #MAX_FOUND}; one more is read to tell whether there
     * are others ({@link Found#more()}).
     */
    public Found search(Account caller, MessageQuery q) {
        StringBuilder hql = new StringBuilder("""
                select m.id, a.username, m.destination, coalesce(c.code, m.sourceNumber), k.word, m.batchId,
                m.immediateStatus, m.deliveryStatus, m.isFinal, m.createdAt, m.body from MtMessage m
                left join ShortCode c on c.id = m.shortCodeId
                left join Account a on a.id = m.accountId
                left join Keyword k on k.id = m.keywordId where 1 = 1""");
        Map<String, Object> parameters = new HashMap<>();
        if (!caller.isOperator()) {
            hql.append(" and m.accountId = :account");
            parameters.put("account", caller.id());
        }
        if (q.number() != null) {
            hql.append(" and m.destination = :number");
            parameters.put("number", q.number());
        }
        if (q.batchId() != null) {
            hql.append(" and m.batchId = :batch");
            parameters.put("batch", q.batchId());
        }
        if (q.keyword() != null) {
            hql.append(" and k.word = :word");
            parameters.put("word", q.keyword());
        }
        if (q.from() != null) {
            hql.append(" and m.createdAt >= :from");
            parameters.put("from", q.from());
        }
        if (q.to() != null) {
            hql.append(" and m.createdAt < :to");
            parameters.put("to", q.to());
        }
        hql.append(" order by m.id desc");
        return tx.call(s -> {
            SelectionQuery<Object[]> query = s.createSelectionQuery(hql.toString(), Object[].class);
            parameters.forEach(query::setParameter);
            List<MessageRow> rows = query.setMaxResults(MAX_FOUND + 1).getResultList().stream()
                    .map(r -> new MessageRow((Long) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                            (Long) r[5], (ImmediateStatus) r[6], (DeliveryStatus) r[7], (Boolean) r[8],
                            (Instant) r[9], (String) r[10]))
                    .toList();
            return new Found(rows.size() > MAX_FOUND ? rows.subList(0, MAX_FOUND) : rows, rows.size() > MAX_FOUND);
        });
    }

    /** A search's results, newest first, and whether there were more than it holds. */
    public record Found(List<MessageRow> rows, boolean more) {
    }

    /**
     * One message the caller may see, with every status it has had.
     *
     * @throws SwitchException {@code NOT_FOUND} when there is none or it is another account's
     */
    public MessageDetail message(Account caller, long id) {
        return tx.call(s -> {
            MtMessage m = s.find(MtMessage.class, id);
            boolean visible = m != null && (caller.isOperator() ? m.accountId() != null
                    : caller.id().equals(m.accountId()));
            if (!visible) {
                throw new SwitchException(ErrorCode.NOT_FOUND, "messageId", "Message " + id + " was not found.");
            }
            String account = s.find(Account.class, m.accountId()).username();
            return new MessageDetail(StatusService.view(s, m.accountId(), id), account, m.body(), m.carrierName());
        });
    }

    /** How far one list or subscription send has got. */
    public record BatchProgress(long id, String account, String kind, String shortCode, String keyword,
            Instant createdAt, Instant sendAt, String body, int numbers, long queued, long sent, long delivered,
            long failed, long cancelled) {

        /** The batch's messages (numbers refused before any message was made are not among them). */
        public long messages() {
            return queued + sent + delivered + failed + cancelled;
        }

        /** The share of the messages no longer waiting to be sent, 0 to 100. */
        public int percentDone() {
            return messages() == 0 ? 100 : (int) ((messages() - queued) * 100 / messages());
        }

        /** The share of the messages in one state, 0 to 100, for a bar's segment. */
        public double percent(long count) {
            return messages() == 0 ? 0 : count * 100.0 / messages();
        }
    }

    /** The newest list and subscription sends the caller may see, at most {@code max}. */
    public List<BatchProgress> batches(Account caller, int max) {
        return tx.call(s -> progress(s, caller, null, max));
    }

    /** These batches' progress, those the caller may see (others are left out), newest first. */
    public List<BatchProgress> batches(Account caller, List<Long> ids) {
        return ids.isEmpty() ? List.of() : tx.call(s -> progress(s, caller, ids, ids.size()));
    }

    /**
     * One batch's progress.
     *
     * @throws SwitchException {@code NOT_FOUND} when there is none or it is another account's
     */
    public BatchProgress batch(Account caller, long batchId) {
        return tx.call(s -> progress(s, caller, List.of(batchId), 1).stream().findFirst()
                .orElseThrow(() -> new SwitchException(ErrorCode.NOT_FOUND, "batchId",
                        "Batch " + batchId + " was not found.")));
    }

    /** The account a batch belongs to, for an operator acting on it. */
    public long batchAccount(Account caller, long batchId) {
        return tx.call(s -> {
            MtBatch batch = s.find(MtBatch.class, batchId);
            if (batch == null || !(caller.isOperator() || caller.id().equals(batch.accountId()))) {
                throw new SwitchException(ErrorCode.NOT_FOUND, "batchId", "Batch " + batchId + " was not found.");
            }
            return batch.accountId();
        });
    }

    /** The newest batches ({@code ids} null), or these. */
    private static List<BatchProgress> progress(Session s, Account caller, List<Long> ids, int max) {
        String hql = """
                select b, a.username, coalesce(c.code, b.sourceNumber), k.word from MtBatch b
                join Account a on a.id = b.accountId
                left join ShortCode c on c.id = b.shortCodeId left join Keyword k on k.id = b.keywordId
                where (:all = true or b.accountId = :account) and (:some = false or b.id in :ids)
                order by b.id desc""";
        List<Object[]> found = s.createSelectionQuery(hql, Object[].class)
                .setParameter("all", caller.isOperator())
                .setParameter("account", caller.id())
                .setParameter("some", ids != null)
                .setParameter("ids", ids == null ? List.of(-1L) : ids)
                .setMaxResults(max)
                .getResultList();
        if (found.isEmpty()) {
            return List.of();
        }
        List<Long> shown = found.stream().map(r -> ((MtBatch) r[0]).id()).toList();
        Map<Long, long[]> counts = new HashMap<>();
        for (Object[] r : s.createSelectionQuery("""
                        select m.batchId, m.immediateStatus, m.deliveryStatus, count(m) from MtMessage m
                        where m.batchId in :ids group by m.batchId, m.immediateStatus, m.deliveryStatus""",
                        Object[].class)
                .setParameter("ids", shown)
                .getResultList()) {
            long[] c = counts.computeIfAbsent((Long) r[0], k -> new long[5]);
            c[stage((ImmediateStatus) r[1], (DeliveryStatus) r[2])] += (Long) r[3];
        }
        List<BatchProgress> batches = new ArrayList<>(found.size());
        for (Object[] r : found) {
            MtBatch b = (MtBatch) r[0];
            long[] c = counts.getOrDefault(b.id(), new long[5]);
            batches.add(new BatchProgress(b.id(), (String) r[1], b.kind(), (String) r[2], (String) r[3],
                    b.createdAt(), b.sendAt(), b.body(), b.total(), c[QUEUED], c[SENT], c[DELIVERED], c[FAILED],
                    c[CANCELLED]));
        }
        return batches;
    }

    private static final int QUEUED = 0;
    private static final int SENT = 1;
    private static final int DELIVERED = 2;
    private static final int FAILED = 3;
    private static final int CANCELLED = 4;

    /** Queued; sent and not yet known delivered; delivered (or highly probably); failed or not sent; cancelled. */
    private static int stage(ImmediateStatus immediate, DeliveryStatus delivery) {
        return switch (immediate) {
            case QUEUED -> QUEUED;
            case CANCELLED -> CANCELLED;
            case ACCEPTED -> switch (delivery) {
                case DELIVERED, HP_DELIVERED -> DELIVERED;
                case AWAITING_STATUS, EN_ROUTE -> SENT;
                default -> FAILED;
            };
            default -> FAILED;
        };
    }

    /** One day of the dashboard. */
    public record Day(LocalDate day, Map<String, Long> sends, long optIns, long optOuts) {
    }

    /** The dashboard: a row per day from the oldest to today (UTC), and what waits in the queue now. */
    public record Dashboard(List<Day> days, Map<String, Long> queued) {
    }

    /** Outcome names of the dashboard's sends, in the order its chart stacks them. */
    public static final List<String> OUTCOMES = List.of("Delivered", "HP Delivered", "Sent", "Failed", "Not sent",
            "Queued", "Cancelled");

    /** The last {@code days} days, today included (UTC), for the caller's messages and opt-ins. */
    public Dashboard dashboard(Account caller, LocalDate today, int days) {
        LocalDate first = today.minusDays(days - 1L);
        Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        return tx.call(s -> {
            Map<LocalDate, Map<String, Long>> sends = new LinkedHashMap<>();
            Map<LocalDate, long[]> optIns = new HashMap<>();
            for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
                Map<String, Long> zero = new LinkedHashMap<>();
                OUTCOMES.forEach(o -> zero.put(o, 0L));
                sends.put(d, zero);
                optIns.put(d, new long[2]);
            }
            for (Object[] r : s.createSelectionQuery("""
                            select cast(m.createdAt as LocalDate), m.immediateStatus, m.deliveryStatus, count(m)
                            from MtMessage m where m.createdAt >= :from
                            and (:all = true or m.accountId = :account) and m.accountId is not null
                            group by cast(m.createdAt as LocalDate), m.immediateStatus, m.deliveryStatus""",
                            Object[].class)
                    .setParameter("from", from)
                    .setParameter("all", caller.isOperator())
                    .setParameter("account", caller.id())
                    .getResultList()) {
                Map<String, Long> day = sends.get(day(r[0]));
                if (day != null) {
                    day.merge(outcome((ImmediateStatus) r[1], (DeliveryStatus) r[2]), (Long) r[3], Long::sum);
                }
            }
            for (Object[] r : s.createSelectionQuery("""
                            select cast(e.occurredAt as LocalDate), e.optedIn, count(e) from OptInEvent e
                            join e.optIn o join o.keyword k where e.occurredAt >= :from
                            and (:all = true or k.account.id = :account)
                            group by cast(e.occurredAt as LocalDate), e.optedIn""", Object[].class)
                    .setParameter("from", from)
                    .setParameter("all", caller.isOperator())
                    .setParameter("account", caller.id())
                    .getResultList()) {
                long[] day = optIns.get(day(r[0]));
                if (day != null) {
                    day[(Boolean) r[1] ? 0 : 1] += (Long) r[2];
                }
            }
            Map<String, Long> queued = new LinkedHashMap<>();
            queued.put("Replies", 0L);
            queued.put("Direct sends", 0L);
            queued.put("Lists and subscriptions", 0L);
            List<String> lanes = new ArrayList<>(queued.keySet());
            for (Object[] r : s.createSelectionQuery("""
                            select m.priority, count(m) from MtMessage m
                            where m.immediateStatus = org.smsswitch.status.ImmediateStatus.QUEUED
                            and (:all = true or m.accountId = :account) group by m.priority""", Object[].class)
                    .setParameter("all", caller.isOperator())
                    .setParameter("account", caller.id())
                    .getResultList()) {
                int priority = Math.min(Math.max((Integer) r[0], 0), lanes.size() - 1);
                queued.merge(lanes.get(priority), (Long) r[1], Long::sum);
            }
            List<Day> rows = new ArrayList<>();
            sends.forEach((d, counts) -> rows.add(new Day(d, counts, optIns.get(d)[0], optIns.get(d)[1])));
            return new Dashboard(rows, queued);
        });
    }

    private static LocalDate day(Object value) {
        return value instanceof Date date ? date.toLocalDate() : (LocalDate) value;
    }

    private static final Map<DeliveryStatus, String> DELIVERY = new EnumMap<>(Map.of(
            DeliveryStatus.DELIVERED, "Delivered", DeliveryStatus.HP_DELIVERED, "HP Delivered",
            DeliveryStatus.AWAITING_STATUS, "Sent", DeliveryStatus.EN_ROUTE, "Sent"));

    private static String outcome(ImmediateStatus immediate, DeliveryStatus delivery) {
        return switch (immediate) {
            case QUEUED -> "Queued";
            case CANCELLED -> "Cancelled";
            case ACCEPTED -> DELIVERY.getOrDefault(delivery, "Failed");
            case REJECTED -> "Failed";
            default -> "Not sent";
        };
    }
}
