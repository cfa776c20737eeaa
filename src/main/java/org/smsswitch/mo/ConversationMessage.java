package org.smsswitch.mo;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One text of a conversation between a phone and an account's long number, either way. */
@Entity
@Table(name = "conversation_messages")
public class ConversationMessage {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "long_number_id", nullable = false, updatable = false)
    private long longNumberId;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(name = "phone_number", nullable = false, length = 16, updatable = false)
    private String phoneNumber;

    /** True for the phone's text, false for the account's answer. */
    @Column(nullable = false, updatable = false)
    private boolean inbound;

    @Column(nullable = false, length = 2000, updatable = false)
    private String body;

    /** Who answered: the agent's username, or "auto-reply"; none for the phone's text. */
    @Column(name = "sent_by", length = 64, updatable = false)
    private String sentBy;

    @Column(name = "inbound_message_id", updatable = false)
    private Long inboundMessageId;

    @Column(name = "mt_message_id", updatable = false)
    private Long mtMessageId;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    protected ConversationMessage() {
    }

    static ConversationMessage fromPhone(long longNumberId, long accountId, String phone, String body,
            long inboundMessageId, Instant at) {
        ConversationMessage c = new ConversationMessage(longNumberId, accountId, phone, true, body, at);
        c.inboundMessageId = inboundMessageId;
        return c;
    }

    static ConversationMessage toPhone(long longNumberId, long accountId, String phone, String body, String sentBy,
            long mtMessageId, Instant at) {
        ConversationMessage c = new ConversationMessage(longNumberId, accountId, phone, false, body, at);
        c.sentBy = sentBy;
        c.mtMessageId = mtMessageId;
        return c;
    }

    private ConversationMessage(long longNumberId, long accountId, String phone, boolean inbound, String body,
            Instant at) {
        this.longNumberId = longNumberId;
        this.accountId = accountId;
        this.phoneNumber = phone;
        this.inbound = inbound;
        this.body = body;
        this.occurredAt = at;
    }

    public Long id() {
        return id;
    }

    public long longNumberId() {
        return longNumberId;
    }

    public long accountId() {
        return accountId;
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    public boolean inbound() {
        return inbound;
    }

    public String body() {
        return body;
    }

    public String sentBy() {
        return sentBy;
    }

    public Long mtMessageId() {
        return mtMessageId;
    }

    public Instant occurredAt() {
        return occurredAt;
    }
}
