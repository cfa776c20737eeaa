package org.smsswitch.send;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hibernate.Session;
import org.smsswitch.account.Account;
import org.smsswitch.model.SwitchException;
import org.smsswitch.numbers.LongNumber;
import org.smsswitch.numbers.NumberList;
import org.smsswitch.numbers.NumberOptOut;
import org.smsswitch.optin.Keyword;
import org.smsswitch.optin.KeywordService;
import org.smsswitch.optin.OptInService;
import org.smsswitch.persistence.Transactions;
import org.smsswitch.status.ImmediateStatus;
import org.smsswitch.status.MtBatch;
import org.smsswitch.status.MtMessage;
import org.smsswitch.status.MtStatusEvent;

/**
 * Takes a client's SendList and Subscription: one message per number, all written in one transaction
 * as one batch, queued for the drain (or refused per number: no opt-in, over the limit). A listed
 * entry that is not a phone number, or repeats one, is reported and skipped; the rest still go.
 */
public final class BulkSendService {
    public static final int MAX_NUMBERS = 100_000;
    /** Messages written between flushes: the session never holds a whole list. */
    private static final int FLUSH_EVERY = 1000;

    private final Transactions tx;
    private final SendService checks;
    private final Clock clock;
    private final Runnable queued;

    /** @param queued told when messages due now were queued, after they commit */
    public BulkSendService(Transactions tx, SendService checks, Clock clock, Runnable queued) {
        this.tx = tx;
        this.checks = checks;
        this.clock = clock;
        this.queued = queued;
    }

    /** A list send: the same text to each number, on a short code's keyword or from a campaign's number. */
    public record ListCommand(String shortCode, String keyword, String text, Instant sendTime, String clientRef,
            List<String> to, Long campaignId) {
    }

    /** A send to every number opted in to the keyword, or those whose opt-in has all the tags. */
    public record SubscriptionCommand(String shortCode, String keyword, String text, Instant sendTime,
            String clientRef, Map<String, String> tags) {
    }

    /** What became of one listed number: its message and status, or why it has none. */
    public record NumberOutcome(String to, Long messageId, ImmediateStatus status, SwitchException error) {
    }

    /** A batch as accepted: its id, how many of its numbers are queued and how many are not. */
    public record BatchReceipt(long batchId, int queued, int refused, List<NumberOutcome> outcomes) {
    }

    public BatchReceipt sendList(Account caller, ListCommand c) {
        SendService.requireOrigin(c.shortCode(), c.keyword(), c.campaignId());
        int segments = checks.segmentsOf(c.text());
        SendService.checkClientRef(c.clientRef());
        NumberList list = NumberList.parse(c.to(), "to", MAX_NUMBERS);
        BatchReceipt written = tx.call(s -> {
            if (c.campaignId() != null) {
                return writeFromNumber(s, caller, SendService.campaignNumber(s, caller, c.campaignId()), c.text(),
                        segments, c.sendTime(), c.clientRef(), list.numbers());
            }
            Keyword keyword = KeywordService.resolveForSend(s, caller, c.shortCode().strip(), c.keyword());
            return write(s, caller, keyword, MtBatch.BatchKind.LIST, c.text(), segments, c.sendTime(), c.clientRef(),
                    list.numbers());
        });
        queued.run();
        // Every entry's outcome, in list order: its message's, or why it has none.
        List<NumberOutcome> outcomes = new ArrayList<>(list.input().size());
        Iterator<NumberOutcome> messages = written.outcomes().iterator();
        for (int i = 0; i < list.input().size(); i++) {
            SwitchException problem = list.problem(i);
            outcomes.add(problem == null ? messages.next()
                    : new NumberOutcome(list.input().get(i), null, null, problem));
        }
        return new BatchReceipt(written.batchId(), written.queued(), written.refused() + list.leftOut(), outcomes);
    }

    public BatchReceipt subscription(Account caller, SubscriptionCommand c) {
        SwitchException.requireText(c.shortCode(), "shortCode");
        SwitchException.requireText(c.keyword(), "keyword");
        int segments = checks.segmentsOf(c.text());
        SendService.checkClientRef(c.clientRef());
        BatchReceipt receipt = tx.call(s -> {
            Keyword keyword = KeywordService.resolveForSend(s, caller, c.shortCode().strip(), c.keyword());
            List<String> subscribers = OptInService.subscribers(s, keyword, c.tags());
            return write(s, caller, keyword, MtBatch.BatchKind.SUBSCRIPTION, c.text(), segments, c.sendTime(),
                    c.clientRef(), subscribers);
        });
        queued.run();
        return receipt;
    }

    private BatchReceipt write(Session s, Account caller, Keyword keyword, MtBatch.BatchKind kind, String text,
            int segments, Instant sendTime, String clientRef, Collection<String> numbers) {
        Instant now = clock.instant();
        long accountId = caller.id();
        long shortCodeId = keyword.shortCode().id();
        long keywordId = keyword.id();
        MtBatch batch = new MtBatch(accountId, kind, shortCodeId, keywordId, text, sendTime, clientRef, now);
        return writeMessages(s, batch, SendRules.checkAll(s, keyword, numbers, now), numbers, now,
                number -> new MtMessage(accountId, shortCodeId, keywordId, number, text, segments,
                        SendService.PRIORITY_BULK, clientRef, sendTime, now));
    }

    /** A list from a campaign's long number: a phone that stopped the number's texts is not sent to. */
    private BatchReceipt writeFromNumber(Session s, Account caller, LongNumber from, String text, int segments,
            Instant sendTime, String clientRef, Collection<String> numbers) {
        Instant now = clock.instant();
        long accountId = caller.id();
        MtBatch batch = MtBatch.fromNumber(accountId, from.phoneNumber(), text, sendTime, clientRef, now);
        Map<String, SendRules.Verdict> verdicts = new HashMap<>();
        for (String number : NumberOptOut.among(s, from.id(), numbers)) {
            verdicts.put(number, SendRules.stopped(number, from.phoneNumber()));
        }
        return writeMessages(s, batch, verdicts, numbers, now,
                number -> MtMessage.fromNumber(accountId, from.phoneNumber(), number, text, segments,
                        SendService.PRIORITY_BULK, clientRef, sendTime, now));
    }

    /**
     * The batch and a message for each number: queued, or refused as {@code verdicts} says; the queued
     * numbers become the account's contacts.
     */
    private static BatchReceipt writeMessages(Session s, MtBatch batch, Map<String, SendRules.Verdict> verdicts,
            Collection<String> numbers, Instant now, Function<String, MtMessage> message) {
        batch.total(numbers.size());
        s.persist(batch);
        long batchId = batch.id();
        Contacts.target(s, batch.accountId(), numbers.stream().filter(n -> !verdicts.containsKey(n)).toList(), now);
        List<NumberOutcome> outcomes = new ArrayList<>(numbers.size());
        int queued = 0;
        int written = 0;
        for (String number : numbers) {
            MtMessage m = message.apply(number);
            m.batch(batchId);
            SendRules.Verdict verdict = verdicts.get(number);
            if (verdict != null) {
                m.refuse(verdict.status(), verdict.detail(), now);
            } else {
                queued++;
            }
            s.persist(m);
            s.persist(new MtStatusEvent(m, now));
            outcomes.add(new NumberOutcome(number, m.id(), m.immediateStatus(), null));
            if (++written % FLUSH_EVERY == 0) {
                s.flush();
                s.clear();
            }
        }
        return new BatchReceipt(batchId, queued, numbers.size() - queued, outcomes);
    }
}
