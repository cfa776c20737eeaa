package org.smsswitch.send;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.hibernate.Session;
import org.smsswitch.account.Account;
import org.smsswitch.carrier.SmsText;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.numbers.Campaign;
import org.smsswitch.numbers.LongNumber;
import org.smsswitch.numbers.NumberOptOut;
import org.smsswitch.optin.Keyword;
import org.smsswitch.optin.KeywordService;
import org.smsswitch.numbers.PhoneNumber;
import org.smsswitch.status.ImmediateStatus;
import org.smsswitch.status.MessageView;
import org.smsswitch.status.MtMessage;
import org.smsswitch.status.MtStatusEvent;
import org.smsswitch.status.StatusService;
import org.smsswitch.persistence.Transactions;

/**
 * Takes a client's Send: validates it, records it (or its refusal: no opt-in, over the keyword's
 * limit), and has the dispatcher send it now, or leaves it queued until its send time.
 */
public final class SendService {
    /** Replies to phones go first, then direct sends, then bulk (lists and subscriptions). */
    public static final int PRIORITY_REPLY = 0;
    public static final int PRIORITY_DIRECT = 1;
    public static final int PRIORITY_BULK = 2;
    public static final int MAX_CLIENT_REF = 100;
    /** What a message record holds, whatever send.max-segments allows. */
    public static final int MAX_TEXT_LENGTH = 2000;

    private final Transactions tx;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final int maxSegments;

    public SendService(Transactions tx, Dispatcher dispatcher, Clock clock, int maxSegments) {
        if (maxSegments < 1) {
            throw new IllegalArgumentException("maxSegments must be at least 1, not " + maxSegments);
        }
        this.tx = tx;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.maxSegments = maxSegments;
    }

    /**
     * Queues a message the switch itself sends on a short code, in the caller's transaction: a reply
     * to a phone's text, a welcome after an opt-in. It carries no keyword, so neither the opt-in (a
     * quit confirmation follows the opt-out) nor the keyword's limit holds it back.
     *
     * @param accountId the account it is sent for; null for the short code's own generic messages
     */
    public static MtMessage queueOwn(Session s, Long accountId, long shortCodeId, String to, String text, int priority,
            Instant now) {
        MtMessage m = new MtMessage(accountId, shortCodeId, null, to, text, SmsText.of(text).segmentCount(), priority,
                null, null, now);
        s.persist(m);
        s.persist(new MtStatusEvent(m, now));
        return m;
    }

    /**
     * Records the message; one to send now goes to the carrier at once (its immediate status is known
     * when this returns), one with a later send time waits in the queue as Queued.
     */
    public MessageView send(Account caller, SendCommand command) {
        Validated v = validate(command);
        boolean deferred = command.sendTime() != null && command.sendTime().isAfter(clock.instant());
        MtMessage message = tx.call(s -> {
            MtMessage m = record(s, caller, command, v);
            if (!deferred && m.immediateStatus() == ImmediateStatus.QUEUED) {
                // Claimed by this node for the send; if the node dies, the queue takes it over.
                dispatcher.claimForDirectSend(m);
            }
            return m;
        });
        if (!deferred && message.immediateStatus() == ImmediateStatus.QUEUED) {
            dispatcher.dispatchDirect(message.id());
        }
        return tx.call(s -> StatusService.view(s, caller.id(), message.id()));
    }

    private record Validated(String destination, int segments) {
    }

    private Validated validate(SendCommand c) {
        requireOrigin(c.shortCode(), c.keyword(), c.campaignId());
        String destination = PhoneNumber.parse(c.to(), "to");
        int segments = segmentsOf(c.text());
        checkClientRef(c.clientRef());
        return new Validated(destination, segments);
    }

    /**
     * A send from an active campaign's long number. A phone that texted a quit word to the number is
     * not sent to ({@code Not Sent:No Opt-In}).
     */
    private MtMessage fromCampaign(Session s, Account caller, SendCommand c, Validated v) {
        LongNumber number = campaignNumber(s, caller, c.campaignId());
        Instant now = clock.instant();
        MtMessage message = MtMessage.fromNumber(caller.id(), number.phoneNumber(), v.destination(), c.text(),
                v.segments(), PRIORITY_DIRECT, c.clientRef(), c.sendTime(), now);
        if (NumberOptOut.exists(s, number.id(), v.destination())) {
            SendRules.Verdict stopped = SendRules.stopped(v.destination(), number.phoneNumber());
            message.refuse(stopped.status(), stopped.detail(), now);
        } else {
            Contacts.target(s, caller.id(), List.of(v.destination()), now);
        }
        s.persist(message);
        s.persist(new MtStatusEvent(message, now));
        return message;
    }

    /**
     * The long number an active campaign of the caller's sends from.
     *
     * @throws SwitchException {@code NOT_FOUND} for a campaign not the caller's; {@code INVALID_FIELD}
     *     for an archived one, or one whose number has left the account
     */
    static LongNumber campaignNumber(Session s, Account caller, long campaignId) {
        Campaign campaign = s.find(Campaign.class, campaignId);
        if (campaign == null || campaign.accountId() != caller.id()) {
            throw new SwitchException(ErrorCode.NOT_FOUND, "campaignId", "Campaign " + campaignId + " is not one of yours.");
        }
        if (campaign.state() != Campaign.State.ACTIVE) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "campaignId",
                    "Campaign " + campaignId + " was archived on " + campaign.archivedAt() + ".");
        }
        LongNumber number = s.find(LongNumber.class, campaign.longNumberId());
        if (!caller.id().equals(number.accountId())) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "campaignId",
                    "The number of campaign " + campaignId + " is no longer yours.");
        }
        return number;
    }

    /** A send names a shortCode and keyword, or a campaignId. */
    static void requireOrigin(String shortCode, String keyword, Long campaignId) {
        if (campaignId != null) {
            if (shortCode != null && !shortCode.isBlank() || keyword != null && !keyword.isBlank()) {
                throw new SwitchException(ErrorCode.INVALID_FIELD, "campaignId",
                        "A send names a shortCode and keyword, or a campaignId, not both.");
            }
        } else {
            SwitchException.requireText(shortCode, "shortCode");
            SwitchException.requireText(keyword, "keyword");
        }
    }

    /**
     * The number of SMS segments the text needs.
     *
     * @throws SwitchException when it is missing, empty, or longer than allowed
     */
    int segmentsOf(String text) {
        if (text == null) {
            throw SwitchException.missing("text");
        }
        if (text.isBlank()) {
            throw new SwitchException(ErrorCode.EMPTY_MESSAGE, "text", "The message text is empty.");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new SwitchException(ErrorCode.MESSAGE_TOO_LONG, "text", "The message has " + text.length()
                    + " characters; at most " + MAX_TEXT_LENGTH + " are accepted.");
        }
        SmsText sms = SmsText.of(text);
        if (sms.segmentCount() > maxSegments) {
            throw new SwitchException(ErrorCode.MESSAGE_TOO_LONG, "text", "The message needs " + sms.segmentCount()
                    + " segments as " + sms.encoding() + " (" + sms.length() + " characters); at most "
                    + maxSegments + " are allowed.");
        }
        return sms.segmentCount();
    }

    static void checkClientRef(String clientRef) {
        if (clientRef != null && clientRef.length() > MAX_CLIENT_REF) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "clientRef",
                    "clientRef has at most " + MAX_CLIENT_REF + " characters.");
        }
    }

    private MtMessage record(Session s, Account caller, SendCommand c, Validated v) {
        if (c.campaignId() != null) {
            return fromCampaign(s, caller, c, v);
        }
        Keyword keyword = KeywordService.resolveForSend(s, caller, c.shortCode().strip(), c.keyword());
        Instant now = clock.instant();
        MtMessage message = new MtMessage(caller.id(), keyword.shortCode().id(), keyword.id(), v.destination(),
                c.text(), v.segments(), PRIORITY_DIRECT, c.clientRef(), c.sendTime(), now);
        SendRules.Verdict verdict = SendRules.check(s, keyword, v.destination(), now);
        if (verdict != null) {
            message.refuse(verdict.status(), verdict.detail(), now);
        } else {
            Contacts.target(s, caller.id(), List.of(v.destination()), now);
        }
        s.persist(message);
        s.persist(new MtStatusEvent(message, now));
        return message;
    }

}
