package org.smsswitch.oms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hibernate.LockMode;
import org.smsswitch.numbers.ShortCode;
import org.smsswitch.optin.Keyword;
import org.smsswitch.optin.OptInService;
import org.smsswitch.persistence.Transactions;
import org.smsswitch.queue.BackgroundPass;
import org.smsswitch.send.SendService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs the outbox's reports to their accounts' OMS endpoints, oldest first and, for each phone, in
 * the order they came: a report waits while an earlier one from the same phone is undelivered. Each
 * POST carries the report's idempotency key ({@code Idempotency-Key: sms-switch-oms-<id>}, and the
 * id in the body), so an OMS that got a report whose answer was lost recognises it when it comes
 * again.
 *
 * <p>A failed POST (an error status, no answer within the endpoint's timeout) is tried again after
 * 30 s, doubling up to 30 min, until the endpoint's attempts are used up; then the report is dead
 * (an operator can replay it). Reports go a few at once; while an OMS fails, each pass tries only a
 * few of its reports, so that a hanging OMS does not hold up the others for a timeout each; the first success brings its waiting
 * retries forward, so that the backlog drains as soon as the OMS is back. The OMS's reply text goes
 * to the phone, and opens a window in which the phone's next text is an answer for the OMS.
 */
public final class OmsForwarder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OmsForwarder.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(30);
    /** How long a report waits for its account's endpoint to be configured before the next look. */
    private static final Duration NO_ENDPOINT_WAIT = Duration.ofMinutes(1);
    private static final int BATCH = 500;
    private static final int PARALLEL = 8;

    private final Transactions tx;
    private final Clock clock;
    private final Runnable repliesQueued;
    /** HTTP/1.1: an OMS's server need not know HTTP/2's upgrade. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final BackgroundPass background = new BackgroundPass("oms-forwarder", this::forwardDue);
    private final ExecutorService posters = Executors.newFixedThreadPool(PARALLEL, r -> {
        Thread t = new Thread(r, "oms-post");
        t.setDaemon(true);
        return t;
    });

    public OmsForwarder(Transactions tx, Clock clock, Runnable repliesQueued) {
        this.tx = tx;
        this.clock = clock;
        this.repliesQueued = repliesQueued;
    }

    /** Forwards what is due now, in the background: reports were written. */
    public void wake() {
        background.wake();
    }

    /** One pass over the due reports; returns how many the OMSs took. */
    public synchronized int forwardDue() {
        int delivered = 0;
        Set<Long> failing = new HashSet<>();
        Set<Long> answering = new HashSet<>();
        while (true) {
            Instant now = clock.instant();
            List<Object[]> due = tx.call(s -> s.createSelectionQuery("""
                            select r.id, r.accountId from OmsReport r
                            where r.state in (org.smsswitch.oms.OmsReport.State.PENDING,
                                              org.smsswitch.oms.OmsReport.State.RETRYING)
                            and r.nextAttemptAt <= :now
                            and not exists (select 1 from OmsReport e where e.phoneNumber = r.phoneNumber
                                and e.accountId = r.accountId and e.id < r.id
                                and e.state in (org.smsswitch.oms.OmsReport.State.PENDING,
                                                org.smsswitch.oms.OmsReport.State.RETRYING))
                            order by r.id""", Object[].class)
                    .setParameter("now", now)
                    .setMaxResults(BATCH)
                    .getResultList());
            int before = delivered;
            int tried = 0;
            // A few at once (each holds its report's row and waits for the OMS); the reports of one
            // phone are never among them together, as only the oldest of each phone is due.
            for (int from = 0; from < due.size(); from += PARALLEL) {
                List<Object[]> chunk = due.subList(from, Math.min(due.size(), from + PARALLEL)).stream()
                        .filter(row -> !failing.contains((Long) row[1])).toList();
                List<Future<Outcome>> outcomes = new ArrayList<>(chunk.size());
                for (Object[] row : chunk) {
                    outcomes.add(posters.submit(() -> forward((Long) row[0])));
                }
                tried += chunk.size();
                for (int i = 0; i < chunk.size(); i++) {
                    Outcome outcome;
                    try {
                        outcome = outcomes.get(i).get();
                    } catch (ExecutionException e) {
                        log.warn("Outage report {} not forwarded now: {}", chunk.get(i)[0], e.getCause().toString());
                        continue;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return delivered;
                    }
                    if (outcome == Outcome.DELIVERED) {
                        delivered++;
                        answering.add((Long) chunk.get(i)[1]);
                    } else if (outcome == Outcome.FAILED) {
                        failing.add((Long) chunk.get(i)[1]);
                    }
                }
            }
            answering.removeIf(account -> {
                bringRetriesForward(account);
                return true;
            });
            // Again while reports go: more than a batch was due, or those delivered released the next
            // report of their phones.
            if (tried == 0 || delivered == before) {
                return delivered;
            }
        }
    }

    private enum Outcome { DELIVERED, FAILED, SKIPPED }

    /** The account's OMS is answering again: what waits for a retry goes in this pass, once per pass. */
    private void bringRetriesForward(long account) {
        tx.run(s -> s.createMutationQuery("""
                        update OmsReport e set e.nextAttemptAt = :now
                        where e.accountId = :a and e.state = org.smsswitch.oms.OmsReport.State.RETRYING
                        and e.nextAttemptAt > :now""")
                .setParameter("now", clock.instant())
                .setParameter("a", account)
                .executeUpdate());
    }

    private Outcome forward(long id) {
        boolean[] replied = {false};
        Outcome outcome = tx.call(s -> {
            OmsReport r = s.createSelectionQuery("""
                            from OmsReport r where r.id = :id and r.nextAttemptAt <= :now
                            and r.state in (org.smsswitch.oms.OmsReport.State.PENDING,
                                            org.smsswitch.oms.OmsReport.State.RETRYING)""", OmsReport.class)
                    .setParameter("id", id)
                    .setParameter("now", clock.instant())
                    .setHibernateLockMode(LockMode.UPGRADE_SKIPLOCKED)
                    .uniqueResult();
            if (r == null) {
                return Outcome.SKIPPED;
            }
            Optional<OmsEndpoint> found = OmsService.endpoint(s, r.accountId());
            Instant now = clock.instant();
            if (found.isEmpty()) {
                log.warn("Outage report {} waits: account {} has no OMS endpoint configured", r.id(), r.accountId());
                r.awaitEndpoint(now.plus(NO_ENDPOINT_WAIT));
                return Outcome.FAILED;
            }
            OmsEndpoint endpoint = found.get();
            Keyword keyword = s.get(Keyword.class, r.keywordId());
            ShortCode code = s.get(ShortCode.class, r.shortCodeId());
            OmsProfiles.Request request = OmsProfiles.request(endpoint.profile(), r, code.code(), keyword.word());
            String error;
            OmsProfiles.Answer answer = null;
            String unreadable = null;
            try {
                HttpResponse<String> response = http.send(httpRequest(endpoint, r, request),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() / 100 == 2) {
                    // Taken: an answer that cannot be read is noted, not sent again.
                    try {
                        answer = OmsProfiles.answer(endpoint.profile(),
                                response.headers().firstValue("Content-Type").orElse(null), response.body());
                    } catch (IllegalArgumentException e) {
                        unreadable = "taken, but " + e.getMessage();
                        answer = new OmsProfiles.Answer(null, null);
                    }
                    error = null;
                } else {
                    error = "HTTP " + response.statusCode();
                }
            } catch (HttpTimeoutException e) {
                error = "no answer within " + endpoint.timeout().toMillis() + " ms";
            } catch (IOException | IllegalArgumentException e) {
                error = e.getMessage() == null ? e.toString() : e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            }
            now = clock.instant();
            if (error != null) {
                Instant retry = null;
                if (r.attempts() + 1 < endpoint.maxAttempts()) {
                    Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(r.attempts(), 10));
                    retry = now.plus(wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait);
                }
                r.failed(error, retry);
                log.warn("Outage report {} from {} to the OMS of account {} failed (attempt {} of {}): {}; {}",
                        r.id(), r.phoneNumber(), r.accountId(), r.attempts(), endpoint.maxAttempts(), error,
                        retry == null ? "dead-lettered" : "next try at " + retry);
                return Outcome.FAILED;
            }
            String reply = answer.reply() == null || answer.reply().isBlank() ? null : answer.reply().strip();
            // Only a question waits for the phone's answer: after "not in our records", "ok thanks" is no answer.
            boolean question = reply != null && "QUESTION".equalsIgnoreCase(answer.result());
            r.delivered(answer.result(), reply,
                    !question || endpoint.answerWindow().isZero() ? null : now.plus(endpoint.answerWindow()), now);
            if (unreadable != null) {
                r.noted(unreadable);
                log.warn("Outage report {}: the OMS of account {} took it, but its answer could not be read: {}",
                        r.id(), r.accountId(), unreadable);
            }
            log.info("Outage report {} ({}) from {} delivered to the OMS of account {} after {} attempt(s): {}",
                    r.id(), r.kind(), r.phoneNumber(), r.accountId(), r.attempts(),
                    answer.result() == null ? "no result given" : answer.result());
            if (reply != null && !OptInService.activeOn(s, List.of(r.keywordId()), r.phoneNumber()).isEmpty()) {
                SendService.queueOwn(s, r.accountId(), r.shortCodeId(), r.phoneNumber(),
                        reply.length() > SendService.MAX_TEXT_LENGTH ? reply.substring(0, SendService.MAX_TEXT_LENGTH)
                                : reply, SendService.PRIORITY_REPLY, now);
                replied[0] = true;
            } else if (reply != null) {
                log.info("Outage report {}: the OMS's reply is not sent, {} has opted out of the keyword since", r.id(),
                        r.phoneNumber());
            }
            return Outcome.DELIVERED;
        });
        if (replied[0]) {
            repliesQueued.run();
        }
        return outcome;
    }

    private static HttpRequest httpRequest(OmsEndpoint endpoint, OmsReport r, OmsProfiles.Request request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint.url()))
                .timeout(endpoint.timeout())
                .header("Content-Type", request.contentType())
                .header("Idempotency-Key", "sms-switch-oms-" + r.id())
                .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        switch (endpoint.auth()) {
            case BASIC -> b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (endpoint.username() + ":" + endpoint.secret()).getBytes(StandardCharsets.UTF_8)));
            case BEARER -> b.header("Authorization", "Bearer " + endpoint.secret());
            case NONE -> {
            }
        }
        return b.build();
    }

    @Override
    public void close() {
        background.close();
        try {
            posters.shutdown();
            posters.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
