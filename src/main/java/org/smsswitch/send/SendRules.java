package org.smsswitch.send;

import java.time.Instant;
import java.util.List;
import org.hibernate.Session;
import org.smsswitch.optin.Keyword;
import org.smsswitch.optin.OptIn;
import org.smsswitch.optin.OptInService;
import org.smsswitch.status.ImmediateStatus;

/** The carrier rules a send must pass: an opt-in where the keyword requires one, and the keyword's limit. */
final class SendRules {
    /** Statuses that count towards a number's limit: the message went, or is going, to the carrier. */
    private static final List<ImmediateStatus> COUNTED = List.of(ImmediateStatus.QUEUED, ImmediateStatus.ACCEPTED);

    record Verdict(ImmediateStatus status, String detail) {
    }

    private SendRules() {
    }

    /**
     * The same rules when a queued message comes off the queue: the opt-in must still be active (a STOP
     * may have come since), and the messages already sent in the period leave room for this one.
     */
    static Verdict checkAtDequeue(Session s, Keyword keyword, String destination, Instant now) {
        return check(s, keyword, destination, now, List.of(ImmediateStatus.ACCEPTED));
    }

    /** Why the message must not be sent, or null when it may. */
    static Verdict check(Session s, Keyword keyword, String destination, Instant now) {
        return check(s, keyword, destination, now, COUNTED);
    }

    private static Verdict check(Session s, Keyword keyword, String destination, Instant now,
            List<ImmediateStatus> counted) {
        // Locking the opt-in row makes concurrent sends to one number on one keyword take turns, so
        // two of them cannot both pass the limit.
        OptIn optIn = OptInService.findForUpdate(s, keyword, destination).orElse(null);
        if (keyword.optInRequired() && (optIn == null || !optIn.active())) {
            return new Verdict(ImmediateStatus.NOT_SENT_NO_OPT_IN,
                    destination + " has not opted in to " + keyword.word() + ".");
        }
        if (keyword.maxMessages() != null && keyword.limitPeriod() != null) {
            long sent = s.createSelectionQuery("""
                            select count(m) from MtMessage m
                            where m.keywordId = :k and m.destination = :n and m.createdAt >= :since
                            and m.immediateStatus in :counted""", Long.class)
                    .setParameter("k", keyword.id())
                    .setParameter("n", destination)
                    .setParameter("since", keyword.limitPeriod().start(now))
                    .setParameter("counted", counted)
                    .getSingleResult();
            if (sent >= keyword.maxMessages()) {
                return new Verdict(ImmediateStatus.NOT_SENT_MSG_LIMIT_EXCEEDED, "Max " + keyword.maxMessages()
                        + " msgs/" + keyword.limitPeriod().abbreviation() + " reached for " + destination + ".");
            }
        }
        return null;
    }
}
