package org.smsswitch.numbers;

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
 * An ordinary phone number the switch can text from. It is in the switch's pool until provisioned
 * to an account and office, as single-use (one campaign: archiving it releases the number, which
 * then waits out a quarantine before it can be provisioned again) or reusable (the account's own,
 * across campaigns and conversations).
 */
@Entity
@Table(name = "long_numbers")
public class LongNumber {
    /** How an account holds a number. */
    public enum Kind { SINGLE_USE, REUSABLE }

    /** Where a number stands now. */
    public enum State { AVAILABLE, PROVISIONED, QUARANTINED }

    /** What an unsolicited text to the number gets: an automatic reply, or a place in the inbox for an agent. */
    public enum Response { AUTO_REPLY, INBOX }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "phone_number", nullable = false, length = 16, updatable = false)
    private String phoneNumber;

    @Column(name = "added_at", nullable = false, updatable = false)
    private Instant addedAt;

    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "office_id")
    private Long officeId;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private Kind kind;

    @Column(name = "provisioned_at")
    private Instant provisionedAt;

    /** When the number was first used in a campaign or a conversation, since it was provisioned. */
    @Column(name = "first_used_at")
    private Instant firstUsedAt;

    @Column(name = "quarantined_until")
    private Instant quarantinedUntil;

    @Enumerated(EnumType.STRING)
    @Column(name = "response_mode", length = 16)
    private Response response;

    @Column(name = "auto_reply_text", length = 500)
    private String autoReplyText;

    @Column(name = "help_text", length = 500)
    private String helpText;

    protected LongNumber() {
    }

    LongNumber(String phoneNumber, Instant addedAt) {
        this.phoneNumber = phoneNumber;
        this.addedAt = addedAt;
    }

    public Long id() {
        return id;
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    public Long accountId() {
        return accountId;
    }

    public Long officeId() {
        return officeId;
    }

    public Kind kind() {
        return kind;
    }

    public Instant provisionedAt() {
        return provisionedAt;
    }

    public Instant firstUsedAt() {
        return firstUsedAt;
    }

    public Instant quarantinedUntil() {
        return quarantinedUntil;
    }

    /** What an unsolicited text gets; the inbox unless configured otherwise. */
    public Response response() {
        return response == null ? Response.INBOX : response;
    }

    public String autoReplyText() {
        return autoReplyText;
    }

    /** The answer to HELP; none for the switch's default. */
    public String helpText() {
        return helpText;
    }

    public State state(Instant now) {
        if (accountId != null) {
            return State.PROVISIONED;
        }
        return quarantinedUntil != null && quarantinedUntil.isAfter(now) ? State.QUARANTINED : State.AVAILABLE;
    }

    void provision(long account, long office, Kind how, Instant now) {
        this.accountId = account;
        this.officeId = office;
        this.kind = how;
        this.provisionedAt = now;
        this.firstUsedAt = null;
        this.quarantinedUntil = null;
    }

    void respond(Response how, String autoReply, String help) {
        this.response = how;
        this.autoReplyText = autoReply;
        this.helpText = help;
    }

    /** Marks the number used (by a campaign or a conversation): it can no longer move to another office. */
    public void used(Instant now) {
        if (firstUsedAt == null) {
            firstUsedAt = now;
        }
    }

    void moveTo(long office) {
        this.officeId = office;
    }

    /** Back to the pool, provisionable again from {@code until}. */
    void release(Instant until) {
        this.accountId = null;
        this.officeId = null;
        this.kind = null;
        this.provisionedAt = null;
        this.firstUsedAt = null;
        this.quarantinedUntil = until;
        this.response = null;
        this.autoReplyText = null;
        this.helpText = null;
    }
}
