package org.smsswitch.mo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.LockMode;
import org.smsswitch.model.HttpUrls;
import org.smsswitch.optin.Keyword;
import org.smsswitch.persistence.Transactions;
import org.smsswitch.queue.BackgroundPass;
import org.smsswitch.send.SendService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link AppNotification}s to their keywords' application URLs: a form-encoded POST with an
 * {@code Idempotency-Key} header, retried with a doubling wait (30 s up to an hour) until the
 * application answers 2xx, and given up after 24 h. Each is delivered under its row's lock, so two
 * nodes never deliver one at once.
 *
 * <p>For an opt-out from a keyword whose application sends its own exit message, the application's
 * answer is that message: a 2xx with a text body has the switch send that text to the phone. An empty
 * answer, or no answer at all, has it send the keyword's standard quit message, so that every
 * opt-out is confirmed at once (MO rule 6).
 */
public final class AppNotifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AppNotifier.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final int BATCH = 100;
    private static final int MAX_EXIT_LENGTH = 160;

    private final Transactions tx;
    private final Clock clock;
    private final Duration timeout;
    private final Runnable repliesQueued;
    private final HttpClient http;
    private final BackgroundPass background = new BackgroundPass("app-notifier", this::deliverDue);

    public AppNotifier(Transactions tx, Clock clock, Duration timeout, Runnable repliesQueued) {
        this.tx = tx;
        this.clock = clock;
        this.timeout = timeout;
        this.repliesQueued = repliesQueued;
        // HTTP/1.1: an application's server need not know HTTP/2's upgrade.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** Delivers what is due now, in the background: new notifications were written. */
    public void wake() {
        background.wake();
    }

    /** Delivers every notification that is due; returns how many the applications took. */
    public int deliverDue() {
        List<Long> due = tx.call(s -> s.createSelectionQuery("""
                        select n.id from AppNotification n where n.nextAttemptAt <= :now order by n.id""", Long.class)
                .setParameter("now", clock.instant())
                .setMaxResults(BATCH)
                .getResultList());
        int delivered = 0;
        for (long id : due) {
            try {
                if (deliver(id)) {
                    delivered++;
                }
            } catch (RuntimeException e) {
                log.warn("Application notification {} not delivered now: {}", id, e.toString());
            }
        }
        return delivered;
    }

    private boolean deliver(long id) {
        boolean[] replied = {false};
        boolean taken = tx.call(s -> {
            // No join under the lock: MariaDB's FOR UPDATE would lock the keyword's row as well.
            AppNotification n = s.createSelectionQuery(
                            "from AppNotification n where n.id = :id and n.nextAttemptAt <= :now",
                            AppNotification.class)
                    .setParameter("id", id)
                    .setParameter("now", clock.instant())
                    .setHibernateLockMode(LockMode.UPGRADE_SKIPLOCKED)
                    .uniqueResult();
            if (n == null) {
                return false;
            }
            Keyword k = n.keyword();
            String error;
            String answer = null;
            try {
                HttpResponse<String> response = http.send(request(n, k), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    answer = response.body() == null ? "" : response.body().strip();
                    error = null;
                } else {
                    error = "HTTP " + response.statusCode();
                }
            } catch (IOException | IllegalArgumentException e) {
                error = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            }
            Instant now = clock.instant();
            if (error == null) {
                n.delivered(now);
                log.info("Application notification {} ({} for {}) delivered to {}", n.id(), n.event(), k.word(),
                        HttpUrls.host(k.applicationUrl()));
            } else {
                Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(n.attempts(), 7));
                wait = wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
                Instant retry = now.plus(wait);
                if (retry.isAfter(n.createdAt().plus(GIVE_UP_AFTER))) {
                    retry = null;
                }
                n.failed(error, retry, now);
                log.warn("Application notification {} ({} for {}) to {} failed (attempt {}): {}; {}", n.id(),
                        n.event(), k.word(), HttpUrls.host(k.applicationUrl()), n.attempts(), error,
                        retry == null ? "given up" : "next try at " + retry);
            }
            if (n.exitPending()) {
                // The application's exit message if it gave one, else the standard: the phone is told now.
                // The application's text stands in for the quit message, so it meets the quit message's
                // rules (one SMS, "No more messages will be sent"); one that does not is replaced.
                boolean usable = answer != null && !answer.isEmpty() && answer.length() <= MAX_EXIT_LENGTH
                        && answer.contains("No more messages will be sent");
                if (answer != null && !answer.isEmpty() && !usable) {
                    log.warn("The exit message of {}'s application breaks the quit message rules (at most {}"
                            + " characters, with 'No more messages will be sent'); the standard one is sent",
                            k.word(), MAX_EXIT_LENGTH);
                }
                String exit = usable ? answer : k.quitText();
                SendService.queueOwn(s, k.account().id(), k.shortCode().id(), n.phoneNumber(), exit,
                        SendService.PRIORITY_REPLY, now);
                n.exitSent();
                replied[0] = true;
            }
            return error == null;
        });
        if (replied[0]) {
            repliesQueued.run();
        }
        return taken;
    }

    private HttpRequest request(AppNotification n, Keyword k) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("id", Long.toString(n.id()));
        form.put("event", n.event().name());
        form.put("from", n.phoneNumber());
        form.put("shortCode", k.shortCode().code());
        form.put("keyword", k.word());
        form.put("text", n.text());
        if (n.parameters() != null) {
            form.put("parameters", n.parameters());
        }
        form.put("time", n.createdAt().toString());
        if (n.exitPending()) {
            form.put("exitMessage", "expected");
        }
        String body = HttpUrls.form(form);
        return HttpRequest.newBuilder(URI.create(k.applicationUrl()))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Idempotency-Key", "sms-switch-app-" + n.id())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    @Override
    public void close() {
        background.close(timeout.plusSeconds(1));
    }
}
