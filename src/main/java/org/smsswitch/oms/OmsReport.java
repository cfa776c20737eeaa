package org.smsswitch.oms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One text for an account's OMS: an outage report, a status question, or a phone's answer to the
 * OMS's question; kept with every try and the OMS's answer. Its id is the idempotency key of its POST.
 */
@Entity
@Table(name = "oms_reports")
public class OmsReport {
    /** What the text is. */
    public enum Kind { OUTAGE, STATUS, ANSWER }

    /** Where it is in the outbox. */
    public enum State { PENDING, RETRYING, DELIVERED, DEAD }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(name = "keyword_id", nullable = false, updatable = false)
    private long keywordId;

    @Column(name = "short_code_id", nullable = false, updatable = false)
    private long shortCodeId;

    @Column(name = "phone_number", nullable = false, length = 16, updatable = false)
    private String phoneNumber;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, updatable = false)
    private Kind kind;

    @Column(nullable = false, length = 2000, updatable = false)
    private String text;

    /** The number's tags for the keyword, as {@code name=value} lines. */
    @Column(length = 2000, updatable = false)
    private String tags;

    @Column(name = "inbound_message_id", updatable = false)
    private Long inboundMessageId;

    /** The report an answer belongs to; null for a report that starts a conversation. */
    @Column(name = "conversation_id", updatable = false)
    private Long conversationId;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "last_error", length = 500)
    private String lastError;

    /** What the OMS said it did ("TICKET_OPENED", "NOT_IN_RECORDS", ...), as it said it. */
    @Column(name = "oms_result", length = 100)
    private String omsResult;

    /** The text the OMS asked the switch to send to the phone. */
    @Column(name = "oms_reply", length = 1000)
    private String omsReply;

    /** Until when the phone's next text is an answer to the OMS, not a new command. */
    @Column(name = "answer_until")
    private Instant answerUntil;

    protected OmsReport() {
    }

    OmsReport(long accountId, long keywordId, long shortCodeId, String phoneNumber, Kind kind, String text, String tags,
            Long inboundMessageId, Long conversationId, Instant receivedAt) {
        this.accountId = accountId;
        this.keywordId = keywordId;
        this.shortCodeId = shortCodeId;
        this.phoneNumber = phoneNumber;
        this.kind = kind;
        this.text = text;
        this.tags = tags;
        this.inboundMessageId = inboundMessageId;
        this.conversationId = conversationId;
        this.receivedAt = receivedAt;
        this.state = State.PENDING;
        this.nextAttemptAt = receivedAt;
    }

    void delivered(String result, String reply, Instant answerUntil, Instant at) {
        this.attempts++;
        this.state = State.DELIVERED;
        this.deliveredAt = at;
        this.nextAttemptAt = null;
        this.lastError = null;
        this.omsResult = cut(result, 100);
        this.omsReply = cut(reply, 1000);
        this.answerUntil = answerUntil;
    }

    void failed(String error, Instant retryAt) {
        this.attempts++;
        this.lastError = cut(error, 500);
        this.nextAttemptAt = retryAt;
        this.state = retryAt == null ? State.DEAD : State.RETRYING;
    }

    /** The account has no OMS endpoint yet: the report waits, without using up an attempt. */
    void awaitEndpoint(Instant retryAt) {
        this.lastError = "no OMS endpoint configured for the account";
        this.nextAttemptAt = retryAt;
    }

    /** Something to know about a delivered report (an answer that could not be read). */
    void noted(String note) {
        this.lastError = cut(note, 500);
    }

    /** An operator sends a dead letter again. */
    void replay(Instant now) {
        this.state = State.PENDING;
        this.attempts = 0;
        this.nextAttemptAt = now;
    }

    /** The phone answered: the window is used up. */
    void answered() {
        this.answerUntil = null;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    public Long id() {
        return id;
    }

    public long accountId() {
        return accountId;
    }

    public long keywordId() {
        return keywordId;
    }

    public long shortCodeId() {
        return shortCodeId;
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    public Kind kind() {
        return kind;
    }

    public String text() {
        return text;
    }

    public String tags() {
        return tags;
    }

    public Long inboundMessageId() {
        return inboundMessageId;
    }

    public Long conversationId() {
        return conversationId;
    }

    /** The conversation this report belongs to: its own id when it started one. */
    public long conversation() {
        return conversationId != null ? conversationId : id;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public State state() {
        return state;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    public String lastError() {
        return lastError;
    }

    public String omsResult() {
        return omsResult;
    }

    public String omsReply() {
        return omsReply;
    }

    public Instant answerUntil() {
        return answerUntil;
    }
}
