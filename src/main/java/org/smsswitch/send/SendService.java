package org.smsswitch.send;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.hibernate.Session;
import org.smsswitch.account.Account;
import org.smsswitch.carrier.CarrierGateway;
import org.smsswitch.carrier.CarrierUnavailableException;
import org.smsswitch.carrier.OutboundSms;
import org.smsswitch.carrier.SmsText;
import org.smsswitch.carrier.SubmitResult;
import org.smsswitch.carrier.CarrierRoutes;
import java.util.Map;
import org.smsswitch.numbers.CarrierDirectory;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.optin.Keyword;
import org.smsswitch.optin.KeywordService;
import org.smsswitch.numbers.PhoneNumber;
import org.smsswitch.status.ImmediateStatus;
import org.smsswitch.status.MessageView;
import org.smsswitch.status.MtMessage;
import org.smsswitch.status.MtStatusEvent;
import org.smsswitch.status.StatusService;
import org.smsswitch.status.DeliveryTracker;
import java.util.List;
import org.smsswitch.persistence.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one message now: validates it, records it (or its refusal: no opt-in, over the keyword's
 * limit), hands it to the carrier and records the carrier's answer.
 */
public final class SendService {
    /** Replies to phones go first, then direct sends, then bulk. */
    public static final int PRIORITY_DIRECT = 1;
    public static final int MAX_CLIENT_REF = 100;
    private static final int ACCEPT_ATTEMPTS = 5;
    /** What a message record holds, whatever send.max-segments allows. */
    public static final int MAX_TEXT_LENGTH = 2000;

    private static final Logger log = LoggerFactory.getLogger(SendService.class);

    private final Transactions tx;
    private final CarrierRoutes routes;
    private final Map<String, String> routeCarrierNames;
    private final DeliveryTracker tracker;
    private final CarrierDirectory carriers;
    private final Clock clock;
    private final int maxSegments;
    private final Duration resubmitWait;

    /**
     * @param routeCarrierNames the carrier behind each route, where one is configured
     * @param resubmitWait how long a send waits for a lost carrier connection to come back
     */
    public SendService(Transactions tx, CarrierRoutes routes, Map<String, String> routeCarrierNames,
            DeliveryTracker tracker, CarrierDirectory carriers, Clock clock, int maxSegments, Duration resubmitWait) {
        if (maxSegments < 1) {
            throw new IllegalArgumentException("maxSegments must be at least 1, not " + maxSegments);
        }
        this.tx = tx;
        this.routes = routes;
        this.routeCarrierNames = Map.copyOf(routeCarrierNames);
        this.tracker = tracker;
        this.carriers = carriers;
        this.clock = clock;
        this.maxSegments = maxSegments;
        this.resubmitWait = resubmitWait;
    }

    public MessageView send(Account caller, SendCommand command) {
        Validated v = validate(command);
        if (command.sendTime() != null && command.sendTime().isAfter(clock.instant())) {
            throw new SwitchException(ErrorCode.NOT_IMPLEMENTED, "sendTime",
                    "Deferred sends are not available yet; omit sendTime to send now.");
        }
        MtMessage message = tx.call(s -> record(s, caller, command, v));
        if (message.immediateStatus() == ImmediateStatus.QUEUED) {
            submit(message);
        }
        return tx.call(s -> StatusService.view(s, caller.id(), message.id()));
    }

    private record Validated(String destination, int segments) {
    }

    private Validated validate(SendCommand c) {
        requireText(c.shortCode(), "shortCode");
        requireText(c.keyword(), "keyword");
        String destination = PhoneNumber.parse(c.to(), "to");
        if (c.text() == null) {
            throw SwitchException.missing("text");
        }
        if (c.text().isBlank()) {
            throw new SwitchException(ErrorCode.EMPTY_MESSAGE, "text", "The message text is empty.");
        }
        if (c.text().length() > MAX_TEXT_LENGTH) {
            throw new SwitchException(ErrorCode.MESSAGE_TOO_LONG, "text", "The message has " + c.text().length()
                    + " characters; at most " + MAX_TEXT_LENGTH + " are accepted.");
        }
        SmsText text = SmsText.of(c.text());
        if (text.segmentCount() > maxSegments) {
            throw new SwitchException(ErrorCode.MESSAGE_TOO_LONG, "text", "The message needs " + text.segmentCount()
                    + " segments as " + text.encoding() + " (" + text.length() + " characters); at most "
                    + maxSegments + " are allowed.");
        }
        if (c.clientRef() != null && c.clientRef().length() > MAX_CLIENT_REF) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "clientRef",
                    "clientRef has at most " + MAX_CLIENT_REF + " characters.");
        }
        return new Validated(destination, text.segmentCount());
    }

    private MtMessage record(Session s, Account caller, SendCommand c, Validated v) {
        Keyword keyword = KeywordService.resolveForSend(s, caller, c.shortCode().strip(), c.keyword());
        Instant now = clock.instant();
        MtMessage message = new MtMessage(caller.id(), keyword.shortCode().id(), keyword.id(), v.destination(),
                c.text(), v.segments(), PRIORITY_DIRECT, c.clientRef(), c.sendTime(), now);
        SendRules.Verdict verdict = SendRules.check(s, keyword, v.destination(), now);
        if (verdict != null) {
            message.refuse(verdict.status(), verdict.detail(), now);
        }
        s.persist(message);
        s.persist(new MtStatusEvent(message, now));
        return message;
    }

    private record Path(String source, String route, String carrierName) {
    }

    private void submit(MtMessage queued) {
        Path path = tx.call(s -> {
            String source = s.createSelectionQuery("select c.code from ShortCode c where c.id = :id", String.class)
                    .setParameter("id", queued.shortCodeId()).getSingleResult();
            CarrierDirectory.Destination destination = carriers.destination(s, queued.destination());
            String route = routes.resolve(destination.route());
            String carrierName = destination.carrierName() != null ? destination.carrierName()
                    : routeCarrierNames.get(route);
            return new Path(source, route, carrierName);
        });
        String source = path.source();
        String route = path.route();
        CarrierGateway carrier = routes.gateway(route);
        OutboundSms sms = new OutboundSms(queued.id(), source, queued.destination(), queued.body(), true);
        long deadline = System.nanoTime() + resubmitWait.toNanos();
        int resubmissions = 0;
        boolean inDoubt = false;
        SubmitResult result;
        while (true) {
            try {
                result = carrier.submit(sms);
                break;
            } catch (CarrierUnavailableException e) {
                inDoubt |= e.mayHaveReachedCarrier();
                long left = deadline - System.nanoTime();
                if (left <= 0 || !awaitBound(carrier, Duration.ofNanos(left))) {
                    String detail = inDoubt
                            ? "Connection to the carrier lost with the message in flight; it may have been delivered"
                            : e.getMessage();
                    log.warn("Message {} not sent: {}", queued.id(), detail);
                    update(queued.id(), m -> m.refuse(ImmediateStatus.NOT_SENT_CARRIER_UNAVAILABLE, detail,
                            clock.instant()));
                    return;
                }
                if (e.mayHaveReachedCarrier()) {
                    // The carrier may already have it: submitting again may deliver it twice, and says so.
                    resubmissions++;
                    log.warn("Message {} resubmitted after the carrier connection was lost in flight", queued.id());
                }
            }
        }
        SubmitResult done = result;
        int resubmitted = resubmissions;
        if (done.accepted()) {
            recordAcceptance(queued.id(), path, done, resubmitted);
            tracker.matchEarly(route, done.segmentIds());
        } else {
            log.info("Message {} rejected by the carrier: {}", queued.id(), done.errorName());
            List<String> partial = done.segmentIds();
            // Segments accepted before a later one was refused are on their way to the handset: say so,
            // and keep their ids so their receipts are matched, not reported as unknown.
            String detail = partial.isEmpty() ? done.errorName()
                    : done.errorName() + " on segment " + (partial.size() + 1) + " of " + done.segments() + "; "
                            + partial.size() + " earlier segment(s) were accepted";
            tx.run(s -> {
                MtMessage m = s.find(MtMessage.class, queued.id(), LockModeType.PESSIMISTIC_WRITE);
                m.rejected(detail, done.segments(), clock.instant());
                s.persist(new MtStatusEvent(m, m.updatedAt()));
                if (!partial.isEmpty()) {
                    tracker.accepted(s, m, route, partial);
                }
            });
        }
    }

    /**
     * The carrier has the message: record that, retrying a transaction that fails on a lock (a
     * deadlock or a wait timeout), since a message the carrier took must not be left looking unsent.
     */
    private void recordAcceptance(long id, Path path, SubmitResult done, int resubmitted) {
        for (int attempt = 1; ; attempt++) {
            try {
                tx.run(s -> {
                    MtMessage m = s.find(MtMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
                    Instant now = clock.instant();
                    for (int i = 0; i < resubmitted; i++) {
                        m.resubmitted(now);
                    }
                    m.accepted(path.route(), path.carrierName(), done.carrierMessageId(), done.segments(), now);
                    s.persist(new MtStatusEvent(m, m.updatedAt()));
                    tracker.accepted(s, m, path.route(), done.segmentIds());
                });
                return;
            } catch (RuntimeException e) {
                if (attempt >= ACCEPT_ATTEMPTS) {
                    log.error("Message {} was accepted by the carrier as {} but could not be recorded", id,
                            done.carrierMessageId(), e);
                    throw e;
                }
                log.warn("Recording the acceptance of message {} failed (attempt {}), retrying: {}", id, attempt,
                        e.toString());
            }
        }
    }

    private static boolean awaitBound(CarrierGateway carrier, Duration timeout) {
        try {
            return carrier.awaitBound(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void update(long id, java.util.function.Consumer<MtMessage> change) {
        tx.run(s -> {
            MtMessage m = s.find(MtMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
            change.accept(m);
            s.persist(new MtStatusEvent(m, m.updatedAt()));
        });
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw SwitchException.missing(field);
        }
    }
}
