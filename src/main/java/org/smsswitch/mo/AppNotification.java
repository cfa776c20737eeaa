package org.smsswitch.mo;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.smsswitch.optin.Keyword;

/**
 * A text sent to a keyword, or an opt-out from it, to be POSTed to the keyword's application; kept
 * until the application takes it, or until the switch gives up on it. An opt-out from a keyword whose
 * application sends its own exit message waits here ({@code exitPending}) for that message.
 */
@Entity
@Table(name = "app_notifications")
public class AppNotification {
    /** What happened. */
    public enum Event { MO, OPT_OUT }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "keyword_id", nullable = false, updatable = false)
    private Keyword keyword;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false, length = 16, updatable = false)
    private Event event;

    @Column(name = "phone_number", nullable = false, length = 16, updatable = false)
    private String phoneNumber;

    @Column(nullable = false, length = 2000, updatable = false)
    private String text;

    @Column(length = 2000, updatable = false)
    private String parameters;

    @Column(name = "inbound_message_id", updatable = false)
    private Long inboundMessageId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "given_up_at")
    private Instant givenUpAt;

    @Column(name = "exit_pending", nullable = false)
    private boolean exitPending;

    @Column(name = "last_error", length = 500)
    private String lastError;

    protected AppNotification() {
    }

    AppNotification(Keyword keyword, Event event, String phoneNumber, String text, String parameters,
            Long inboundMessageId, boolean exitPending, Instant now) {
        this.keyword = keyword;
        this.event = event;
        this.phoneNumber = phoneNumber;
        this.text = text;
        this.parameters = parameters;
        this.inboundMessageId = inboundMessageId;
        this.exitPending = exitPending;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    void delivered(Instant at) {
        this.attempts++;
        this.deliveredAt = at;
        this.nextAttemptAt = null;
        this.lastError = null;
    }

    void failed(String error, Instant retryAt, Instant at) {
        this.attempts++;
        this.lastError = error.length() > 500 ? error.substring(0, 500) : error;
        this.nextAttemptAt = retryAt;
        if (retryAt == null) {
            this.givenUpAt = at;
        }
    }

    /** The exit message went out, the application's or the standard one. */
    void exitSent() {
        this.exitPending = false;
    }

    public Long id() {
        return id;
    }

    public Keyword keyword() {
        return keyword;
    }

    public Event event() {
        return event;
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    public String text() {
        return text;
    }

    public String parameters() {
        return parameters;
    }

    public Long inboundMessageId() {
        return inboundMessageId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public int attempts() {
        return attempts;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    public Instant givenUpAt() {
        return givenUpAt;
    }

    public boolean exitPending() {
        return exitPending;
    }

    public String lastError() {
        return lastError;
    }
}
