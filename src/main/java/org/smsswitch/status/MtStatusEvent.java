package org.smsswitch.status;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One transition in a message's status history, with its time. */
@Entity
@Table(name = "mt_status_events")
public class MtStatusEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mt_status_events_seq")
    @SequenceGenerator(name = "mt_status_events_seq", sequenceName = "mt_status_events_seq", allocationSize = 50)
    private Long id;

    @Column(name = "message_id", nullable = false)
    private long messageId;

    @Column(name = "account_id")
    private Long accountId;

    /** Its place in the account's change feed, given once the change is committed (see StatusFeed). */
    @Column(name = "feed_seq")
    private Long feedSeq;

    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "immediate_status", nullable = false, length = 32)
    private ImmediateStatus immediateStatus;

    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "delivery_status", nullable = false, length = 32)
    private DeliveryStatus deliveryStatus;

    @Column(length = 255)
    private String detail;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "is_final", nullable = false)
    private boolean isFinal;

    protected MtStatusEvent() {
    }

    public MtStatusEvent(MtMessage message, Instant occurredAt) {
        this.messageId = message.id();
        this.accountId = message.accountId();
        this.immediateStatus = message.immediateStatus();
        this.deliveryStatus = message.deliveryStatus();
        this.detail = message.detail();
        this.occurredAt = occurredAt;
        this.isFinal = message.isFinal();
    }

    public String detail() {
        return detail;
    }

    public boolean isFinal() {
        return isFinal;
    }

    public Long feedSeq() {
        return feedSeq;
    }

    public long messageId() {
        return messageId;
    }

    public ImmediateStatus immediateStatus() {
        return immediateStatus;
    }

    public DeliveryStatus deliveryStatus() {
        return deliveryStatus;
    }

    public Instant occurredAt() {
        return occurredAt;
    }
}
