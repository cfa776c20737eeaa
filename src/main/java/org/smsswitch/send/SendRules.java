package org.smsswitch.send;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.LockMode;
import org.hibernate.Session;
import org.smsswitch.optin.Keyword;
import org.smsswitch.optin.OptIn;
import org.smsswitch.optin.OptInService;
import org.smsswitch.status.ImmediateStatus;
import org.smsswitch.status.MtMessage;

/** The carrier rules a send must pass: an opt-in where the keyword requires one, and the keyword's limit. */
final class SendRules {
    /**
     * The messages that count towards a number's limit in the period from {@code :since}: those the
     * carrier took in it, and those queued to go in it or later.
     */
    private static final String COUNTED = """
            (m.immediateStatus = org.smsswitch.status.ImmediateStatus.ACCEPTED and m.submittedAt >= :since
             or m.immediateStatus = org.smsswitch.status.ImmediateStatus.QUEUED and m.dueAt >= :since)""";
    /** Numbers per query: well inside every server's limit on an IN list. */
    private static final int CHUNK = 1000;

    record Verdict(ImmediateStatus status, String detail) {
    }

    private SendRules() {
    }

    /**
     * The rules for many numbers at once, as a list or subscription is accepted: what must not be sent,
     * by number (numbers that may be sent are absent). Nothing is locked: the rules are checked again,
     * under lock, as each message comes off the queue.
     */
    static Map<String, Verdict> checkAll(Session s, Keyword keyword, Collection<String> destinations, Instant now) {
        Map<String, Verdict> verdicts = new HashMap<>();
        List<String> all = List.copyOf(destinations);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            if (keyword.optInRequired()) {
                Set<String> optedIn = new HashSet<>(s.createSelectionQuery("""
                                select o.phoneNumber from OptIn o
                                where o.keyword = :k and o.active = true and o.phoneNumber in :n""", String.class)
                        .setParameter("k", keyword)
                        .setParameter("n", chunk)
                        .getResultList());
                for (String destination : chunk) {
                    if (!optedIn.contains(destination)) {
                        verdicts.put(destination, noOptIn(keyword, destination));
                    }
                }
            }
            if (keyword.maxMessages() != null && keyword.limitPeriod() != null) {
                List<Object[]> counts = s.createSelectionQuery("""
                                select m.destination, count(m) from MtMessage m
                                where m.keywordId = :k and m.destination in :n and %s
                                group by m.destination""".formatted(COUNTED), Object[].class)
                        .setParameter("k", keyword.id())
                        .setParameter("n", chunk)
                        .setParameter("since", keyword.limitPeriod().start(now))
                        .getResultList();
                for (Object[] row : counts) {
                    if ((Long) row[1] >= keyword.maxMessages()) {
                        verdicts.putIfAbsent((String) row[0], overLimit(keyword, (String) row[0]));
                    }
                }
            }
        }
        return verdicts;
    }

    /**
     * The rules again as queued messages of one keyword come off the queue, in the order given: the
     * opt-in must still be active (a STOP may have come since) and the number's limit must leave room.
     * The numbers' opt-in rows stay locked until the caller's transaction ends, so an opt-out waits for
     * it; the limit counts messages accepted in the period and those other sends hold now.
     *
     * @return why each message that must not be sent must not, by message id
     */
    static Map<Long, Verdict> checkAtDequeue(Session s, Keyword keyword, List<MtMessage> messages, Instant now) {
        List<String> numbers = messages.stream().map(MtMessage::destination).distinct().toList();
        List<Long> ids = messages.stream().map(MtMessage::id).toList();
        Map<String, OptIn> optIns = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        boolean limited = keyword.maxMessages() != null && keyword.limitPeriod() != null;
        for (int from = 0; from < numbers.size(); from += CHUNK) {
            s.createSelectionQuery("from OptIn o where o.keyword = :k and o.phoneNumber in :n order by o.id",
                            OptIn.class)
                    .setParameter("k", keyword)
                    .setParameter("n", numbers.subList(from, Math.min(numbers.size(), from + CHUNK)))
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList()
                    .forEach(o -> optIns.put(o.phoneNumber(), o));
        }
        if (limited && !keyword.optInRequired() && optIns.size() < numbers.size()) {
            takeTurnsWithoutOptIn(s, keyword);
        }
        for (int from = 0; from < numbers.size(); from += CHUNK) {
            List<String> chunk = numbers.subList(from, Math.min(numbers.size(), from + CHUNK));
            if (limited) {
                s.createSelectionQuery("""
                                select m.destination, count(m) from MtMessage m
                                where m.keywordId = :k and m.destination in :n
                                and (m.immediateStatus = org.smsswitch.status.ImmediateStatus.ACCEPTED
                                     and m.submittedAt >= :since
                                  or m.immediateStatus = org.smsswitch.status.ImmediateStatus.QUEUED
                                     and m.claimUntil > :now and m.id not in :mine)
                                group by m.destination""", Object[].class)
                        .setParameter("k", keyword.id())
                        .setParameter("n", chunk)
                        .setParameter("since", keyword.limitPeriod().start(now))
                        .setParameter("now", now)
                        .setParameter("mine", ids)
                        .getResultList()
                        .forEach(r -> counts.put((String) r[0], (Long) r[1]));
            }
        }
        Map<Long, Verdict> verdicts = new HashMap<>();
        for (MtMessage m : messages) {
            OptIn optIn = optIns.get(m.destination());
            if (keyword.optInRequired() && (optIn == null || !optIn.active())) {
                verdicts.put(m.id(), noOptIn(keyword, m.destination()));
            } else if (limited) {
                long sent = counts.getOrDefault(m.destination(), 0L);
                if (sent >= keyword.maxMessages()) {
                    verdicts.put(m.id(), overLimit(keyword, m.destination()));
                } else {
                    counts.put(m.destination(), sent + 1);
                }
            }
        }
        return verdicts;
    }

    /** Why the message must not be sent, or null when it may. */
    static Verdict check(Session s, Keyword keyword, String destination, Instant now) {
        // Locking the opt-in row makes concurrent sends to one number on one keyword take turns, so
        // two of them cannot both pass the limit.
        OptIn optIn = OptInService.findForUpdate(s, keyword, destination).orElse(null);
        if (keyword.optInRequired() && (optIn == null || !optIn.active())) {
            return noOptIn(keyword, destination);
        }
        if (keyword.maxMessages() != null && keyword.limitPeriod() != null) {
            if (optIn == null) {
                takeTurnsWithoutOptIn(s, keyword);
            }
            long sent = s.createSelectionQuery("""
                            select count(m) from MtMessage m
                            where m.keywordId = :k and m.destination = :n and %s""".formatted(COUNTED), Long.class)
                    .setParameter("k", keyword.id())
                    .setParameter("n", destination)
                    .setParameter("since", keyword.limitPeriod().start(now))
                    .getSingleResult();
            if (sent >= keyword.maxMessages()) {
                return overLimit(keyword, destination);
            }
        }
        return null;
    }

    /**
     * Sends to a number with no opt-in row, on a keyword that needs none but has a limit, have no row
     * of the number's to lock: they take turns on the keyword's row instead, or two at once could both
     * find room under the limit. Called after the opt-in rows are locked, so locks are taken in one order.
     */
    private static void takeTurnsWithoutOptIn(Session s, Keyword keyword) {
        s.lock(keyword, LockMode.PESSIMISTIC_WRITE);
    }

    /**
     * Messages from long numbers, as they come off the queue: one whose number is no longer its
     * account's (released, or provisioned to another) is cancelled; one to a phone that texted a quit
     * word to the number is not sent, unless it is the switch's own reply to the phone's text (the
     * opt-out's confirmation, help), which goes regardless. Read committed: an opt-out or a release
     * committed before the message comes off the queue is seen.
     */
    static Map<Long, Verdict> checkFromNumbers(Session s, List<MtMessage> messages) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        List<String> sources = messages.stream().map(MtMessage::sourceNumber).distinct().toList();
        Map<String, Long> owners = new HashMap<>();
        s.createSelectionQuery("select n.phoneNumber, n.accountId from LongNumber n where n.phoneNumber in :n",
                        Object[].class)
                .setParameter("n", sources)
                .getResultList()
                .forEach(r -> owners.put((String) r[0], (Long) r[1]));
        Set<String> optedOut = new HashSet<>();
        s.createSelectionQuery("""
                        select n.phoneNumber, o.phoneNumber from NumberOptOut o join LongNumber n on n.id = o.longNumberId
                        where n.phoneNumber in :sources and o.phoneNumber in :phones""", Object[].class)
                .setParameter("sources", sources)
                .setParameter("phones", messages.stream().map(MtMessage::destination).distinct().toList())
                .getResultList()
                .forEach(r -> optedOut.add(r[0] + " " + r[1]));
        Map<Long, Verdict> verdicts = new HashMap<>();
        for (MtMessage m : messages) {
            if (!java.util.Objects.equals(owners.get(m.sourceNumber()), m.accountId())) {
                verdicts.put(m.id(), new Verdict(ImmediateStatus.CANCELLED,
                        "Number " + m.sourceNumber() + " is no longer this account's."));
            } else if (m.priority() != SendService.PRIORITY_REPLY
                    && optedOut.contains(m.sourceNumber() + " " + m.destination())) {
                verdicts.put(m.id(), stopped(m.destination(), m.sourceNumber()));
            }
        }
        return verdicts;
    }

    /** A phone that texted a quit word to the long number the message would go from. */
    static Verdict stopped(String phone, String number) {
        return new Verdict(ImmediateStatus.NOT_SENT_NO_OPT_IN, phone + " texted a quit word to " + number + ".");
    }

    private static Verdict noOptIn(Keyword keyword, String destination) {
        return new Verdict(ImmediateStatus.NOT_SENT_NO_OPT_IN, destination + " has not opted in to " + keyword.word() + ".");
    }

    private static Verdict overLimit(Keyword keyword, String destination) {
        return new Verdict(ImmediateStatus.NOT_SENT_MSG_LIMIT_EXCEEDED, "Max " + keyword.maxMessages() + " msgs/"
                + keyword.limitPeriod().abbreviation() + " reached for " + destination + ".");
    }
}
