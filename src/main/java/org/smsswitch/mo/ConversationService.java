package org.smsswitch.mo;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;
import org.smsswitch.account.Account;
import org.smsswitch.carrier.SmsText;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.numbers.LongNumber;
import org.smsswitch.numbers.NumberOptOut;
import org.smsswitch.numbers.NumberService;
import org.smsswitch.numbers.PhoneNumber;
import org.smsswitch.optin.ReservedWords;
import org.smsswitch.persistence.Transactions;
import org.smsswitch.send.Contacts;
import org.smsswitch.send.SendService;
import org.smsswitch.status.ImmediateStatus;
import org.smsswitch.status.MtMessage;
import org.smsswitch.status.MtStatusEvent;

/**
 * Two-way messaging on long numbers: what a text to one gets (the carriers' STOP and HELP, then the
 * number's automatic reply or a place in its inbox), and the inbox where an account's agents read
 * the conversations and answer, each answer an MT through the queue like any other.
 */
public final class ConversationService {
    /** Words that opt a phone back in to a number it stopped. */
    static final Set<String> START = Set.of("START", "UNSTOP", "YES");
    /** The most segments an agent's answer may take. */
    public static final int MAX_SEGMENTS = 10;

    private final Transactions tx;
    private final Clock clock;
    private final Runnable queued;

    public ConversationService(Transactions tx, Clock clock, Runnable queued) {
        this.tx = tx;
        this.clock = clock;
        this.queued = queued;
    }

    /** A conversation as the inbox lists it: its last text. */
    public record Thread(String number, String phone, String account, ConversationMessage last, boolean optedOut) {
    }

    /** One conversation's texts, oldest first, with each answer's status. */
    public record Conversation(String number, String phone, String account, List<ConversationMessage> messages,
            Map<Long, ImmediateStatus> statuses, boolean optedOut) {
    }

    /**
     * In the inbound text's transaction: a text to a provisioned long number. A quit word stops the
     * number's texts to the phone, START lets them again, HELP gets the number's help; anything else
     * joins the conversation and gets the automatic reply if the number has one.
     *
     * @return what was done, for the log
     */
    static String receive(Session s, InboundMessage m, LongNumber number, Account account, Instant now) {
        String phone = m.sourceNumber();
        List<String> words = KeywordEngine.words(m.body());
        NumberOptOut optOut = s.createSelectionQuery(
                        "from NumberOptOut o where o.longNumberId = :n and o.phoneNumber = :p", NumberOptOut.class)
                .setParameter("n", number.id())
                .setParameter("p", phone)
                .uniqueResult();
        boolean quit = words.stream().anyMatch(w -> ReservedWords.QUIT.contains(w) || ReservedWords.GLOBAL_QUIT.contains(w));
        if (quit) {
            if (optOut == null) {
                s.persist(new NumberOptOut(number.id(), phone, now));
            }
            // A reply to the phone's own text: the opt-out does not hold the confirmation back.
            answer(s, number, account, phone, account.displayName() + ": you will get no more texts from this number."
                    + " Reply START to get them again.", "opt-out confirmation", now, SendService.PRIORITY_REPLY);
            return "opt-out from " + number.phoneNumber();
        }
        if (!words.isEmpty() && START.contains(words.get(0)) && optOut != null) {
            s.remove(optOut);
            answer(s, number, account, phone, account.displayName() + ": you will get texts from this number again."
                    + " Reply STOP to opt out.", "opt-in confirmation", now, SendService.PRIORITY_REPLY);
            return "opted back in to " + number.phoneNumber();
        }
        if (words.size() == 1 && ReservedWords.HELP.contains(words.get(0))) {
            String help = number.helpText() != null ? number.helpText()
                    : account.displayName() + ": reply to this number to reach us. Msg&Data rates may apply."
                            + " Reply STOP to opt out.";
            answer(s, number, account, phone, help, "help", now, SendService.PRIORITY_REPLY);
            return "help from " + number.phoneNumber();
        }
        number.used(now);
        s.persist(ConversationMessage.fromPhone(number.id(), account.id(), phone, m.body(), m.id(), now));
        if (number.response() == LongNumber.Response.AUTO_REPLY && optOut == null) {
            answer(s, number, account, phone, number.autoReplyText(), "auto-reply", now, SendService.PRIORITY_REPLY);
            return "unsolicited text to " + number.phoneNumber() + "; automatic reply";
        }
        return "unsolicited text to " + number.phoneNumber() + "; to the inbox"
                + (optOut != null ? " (the phone has opted out: no automatic reply)" : "");
    }

    /** The caller's conversations (an operator's: all), the latest first. */
    public List<Thread> inbox(Account caller, int max) {
        // One query: each conversation's last text, its number, its account and whether the phone stopped it.
        return tx.call(s -> s.createSelectionQuery("""
                        select c, n.phoneNumber, a.username, (select count(o) from NumberOptOut o
                            where o.longNumberId = c.longNumberId and o.phoneNumber = c.phoneNumber)
                        from ConversationMessage c join LongNumber n on n.id = c.longNumberId
                        join Account a on a.id = c.accountId
                        where c.id in (
                            select max(c2.id) from ConversationMessage c2 where :all = true or c2.accountId = :a
                            group by c2.longNumberId, c2.phoneNumber, c2.accountId)
                        order by c.id desc""", Object[].class)
                .setParameter("all", caller.isOperator())
                .setParameter("a", caller.id())
                .setMaxResults(max)
                .getResultList().stream()
                .map(r -> {
                    ConversationMessage c = (ConversationMessage) r[0];
                    return new Thread((String) r[1], c.phoneNumber(), (String) r[2], c, (Long) r[3] > 0);
                })
                .toList());
    }

    /**
     * One conversation of the caller's.
     *
     * @throws SwitchException {@code NOT_FOUND} when the number is not the caller's
     */
    public Conversation conversation(Account caller, String number, String phone) {
        String from = PhoneNumber.parse(number, "number");
        String to = PhoneNumber.parse(phone, "phone");
        return tx.call(s -> {
            LongNumber n = visible(s, caller, from, false);
            // The number's owner's conversation only: a single-use number's earlier owner's stay theirs.
            List<ConversationMessage> messages = s.createSelectionQuery("""
                            from ConversationMessage c where c.longNumberId = :n and c.phoneNumber = :p
                            and c.accountId = :a order by c.id""", ConversationMessage.class)
                    .setParameter("n", n.id())
                    .setParameter("p", to)
                    .setParameter("a", n.accountId())
                    .getResultList();
            Map<Long, ImmediateStatus> statuses = new HashMap<>();
            List<Long> sent = messages.stream().map(ConversationMessage::mtMessageId).filter(id -> id != null).toList();
            if (!sent.isEmpty()) {
                s.createSelectionQuery("select m.id, m.immediateStatus from MtMessage m where m.id in :ids",
                                Object[].class)
                        .setParameter("ids", sent)
                        .getResultList()
                        .forEach(r -> statuses.put((Long) r[0], (ImmediateStatus) r[1]));
            }
            return new Conversation(from, to, s.find(Account.class, n.accountId()).username(), messages, statuses,
                    optedOut(s, n.id(), to));
        });
    }

    /**
     * An agent's answer in a conversation: queued from the number to the phone.
     *
     * @throws SwitchException {@code NOT_FOUND} when the number is not the caller's; {@code
     *     INVALID_FIELD} when the phone has opted out of the number's texts; {@code MESSAGE_TOO_LONG}
     */
    public long reply(Account caller, String number, String phone, String text) {
        String from = PhoneNumber.parse(number, "number");
        String to = PhoneNumber.parse(phone, "phone");
        if (text == null || text.isBlank()) {
            throw new SwitchException(ErrorCode.EMPTY_MESSAGE, "text", "The answer has no text.");
        }
        String body = text.strip();
        if (SmsText.of(body).segmentCount() > MAX_SEGMENTS) {
            throw new SwitchException(ErrorCode.MESSAGE_TOO_LONG, "text",
                    "The answer takes more than " + MAX_SEGMENTS + " text messages.");
        }
        long id = tx.call(s -> {
            LongNumber n = visible(s, caller, from, true);
            if (optedOut(s, n.id(), to)) {
                throw new SwitchException(ErrorCode.INVALID_FIELD, "phone",
                        to + " texted a quit word to " + from + "; nothing more is sent it from this number until it"
                                + " texts START.");
            }
            Account account = s.find(Account.class, n.accountId());
            Instant now = clock.instant();
            Contacts.target(s, account.id(), List.of(to), now);
            return answer(s, n, account, to, body, caller.username(), now, SendService.PRIORITY_DIRECT);
        });
        queued.run();
        return id;
    }

    /**
     * Queues a text from the number. A reply to the phone's own text ({@link SendService#PRIORITY_REPLY})
     * goes even to a phone that has opted out (the opt-out's confirmation, help); an agent's answer
     * ({@link SendService#PRIORITY_DIRECT}) does not.
     */
    private static long answer(Session s, LongNumber number, Account account, String phone, String text,
            String sentBy, Instant now, int priority) {
        MtMessage m = MtMessage.fromNumber(account.id(), number.phoneNumber(), phone, text,
                SmsText.of(text).segmentCount(), priority, null, null, now);
        s.persist(m);
        s.persist(new MtStatusEvent(m, now));
        s.persist(ConversationMessage.toPhone(number.id(), account.id(), phone, text, sentBy, m.id(), now));
        return m.id();
    }

    private static LongNumber visible(Session s, Account caller, String number, boolean lock) {
        return NumberService.provisioned(s, number, lock)
                .filter(n -> caller.isOperator() || caller.id().equals(n.accountId()))
                .orElseThrow(() -> new SwitchException(ErrorCode.NOT_FOUND, "number",
                        "Number " + number + " is not one of your numbers."));
    }

    private static boolean optedOut(Session s, long numberId, String phone) {
        return NumberOptOut.exists(s, numberId, phone);
    }
}
