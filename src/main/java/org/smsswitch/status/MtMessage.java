package org.smsswitch.status;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One mobile-terminated message to one number, with its immediate and delivery status. References to
 * account, short code, keyword and batch are plain ids: a queue of millions of rows is read and
 * written without loading what they point to.
 */
@Entity
@Table(name = "mt_messages")
public class MtMessage {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mt_messages_seq")
    @SequenceGenerator(name = "mt_messages_seq", sequenceName = "mt_messages_seq", allocationSize = 50)
    private Long id;

    /** None for the switch's own replies on a shared short code (its generic help, say). */
    @Column(name = "account_id", updatable = false)
    private Long accountId;

    @Column(name = "batch_id", updatable = false)
    private Long batchId;

    /** The short code it is sent from; none for a message from a long number. */
    @Column(name = "short_code_id", updatable = false)
    private Long shortCodeId;

    /** The long number it is sent from; none for a message from a short code. */
    @Column(name = "source_number", length = 16, updatable = false)
    private String sourceNumber;

    @Column(name = "keyword_id", updatable = false)
    private Long keywordId;

    @Column(nullable = false, length = 16, updatable = false)
    private String destination;

    @Column(nullable = false, length = 2000, updatable = false)
    private String body;

    @Column(nullable = false)
    private int segments;

    /** Lower goes first: replies to phones, then direct sends, then bulk. */
    @Column(nullable = false, updatable = false)
    private int priority;

    @Column(name = "client_ref", length = 100, updatable = false)
    private String clientRef;

    @Column(name = "send_at", updatable = false)
    private Instant sendAt;

    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "immediate_status", nullable = false, length = 32)
    private ImmediateStatus immediateStatus;

    @Column(name = "immediate_at")
    private Instant immediateAt;

    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "delivery_status", nullable = false, length = 32)
    private DeliveryStatus deliveryStatus;

    @Column(name = "delivery_at")
    private Instant deliveryAt;

    @Column(name = "is_final", nullable = false)
    private boolean isFinal;

    @Column(length = 255)
    private String detail;

    @Column(name = "carrier_message_id", length = 64)
    private String carrierMessageId;

    @Column(name = "carrier_name", length = 64)
    private String carrierName;

    /** The carrier route it was submitted on. */
    @Column(length = 64)
    private String route;

    /** How many times it was submitted again after a connection loss left its first submit in doubt. */
    @Column(nullable = false)
    private int resubmissions;

    @Column(name = "finalized_at")
    private Instant finalizedAt;

    /** When a queued message may go: its send time, or its creation for a send now. */
    @Column(name = "due_at")
    private Instant dueAt;

    /** The node sending it now, until {@link #claimUntil}; after that another node may take it over. */
    @Column(name = "claimed_by", length = 64)
    private String claimedBy;

    @Column(name = "claim_until")
    private Instant claimUntil;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "submitted_at")
    private Instant submittedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(nullable = false)
    private long version;

    protected MtMessage() {
    }

    /** A message from one of the account's long numbers, to be queued. */
    public static MtMessage fromNumber(long accountId, String sourceNumber, String destination, String body,
            int segments, int priority, String clientRef, Instant sendAt, Instant now) {
        MtMessage m = new MtMessage(accountId, null, null, destination, body, segments, priority, clientRef, sendAt,
                now);
        m.sourceNumber = sourceNumber;
        return m;
    }

    public MtMessage(Long accountId, Long shortCodeId, Long keywordId, String destination, String body, int segments,
            int priority, String clientRef, Instant sendAt, Instant now) {
        this.accountId = accountId;
        this.shortCodeId = shortCodeId;
        this.keywordId = keywordId;
        this.destination = destination;
        this.body = body;
        this.segments = segments;
        this.priority = priority;
        this.clientRef = clientRef;
        this.sendAt = sendAt;
        this.createdAt = now;
        this.updatedAt = now;
        this.immediateStatus = ImmediateStatus.QUEUED;
        this.deliveryStatus = DeliveryStatus.NOT_SENT;
        this.dueAt = sendAt != null && sendAt.isAfter(now) ? sendAt : now;
    }

    /** One of a list's or subscription's messages. */
    public void batch(long batchId) {
        this.batchId = batchId;
    }

    /** Taken by a node to send, until the lease ends. */
    public void claim(String node, Instant until) {
        this.claimedBy = node;
        this.claimUntil = until;
    }

    /** Back in the queue, due again at {@code dueAt} (a carrier that was down, say). */
    public void release(Instant dueAt, Instant now) {
        this.claimedBy = null;
        this.claimUntil = null;
        this.dueAt = dueAt;
        this.updatedAt = now;
    }

    /** Cancelled by the client before it was sent. */
    public void cancel(Instant now) {
        refuse(ImmediateStatus.CANCELLED, null, now);
    }

    /** A message that will not be sent: the status is final at once. */
    public void refuse(ImmediateStatus status, String detail, Instant now) {
        this.claimedBy = null;
        this.claimUntil = null;
        this.immediateStatus = status;
        this.immediateAt = now;
        this.deliveryStatus = DeliveryStatus.NOT_SENT;
        this.isFinal = true;
        this.finalizedAt = now;
        this.detail = detail;
        this.updatedAt = now;
    }

    /** The carrier took the message on a route; its delivery is awaited. */
    public void accepted(String route, String carrierName, String carrierMessageId, int segments, Instant now) {
        this.route = route;
        this.carrierName = carrierName;
        accepted(carrierMessageId, segments, now);
    }

    /** The carrier took the message; its delivery is awaited. */
    public void accepted(String carrierMessageId, int segments, Instant now) {
        this.claimedBy = null;
        this.claimUntil = null;
        this.immediateStatus = ImmediateStatus.ACCEPTED;
        this.immediateAt = now;
        this.submittedAt = now;
        this.deliveryStatus = DeliveryStatus.AWAITING_STATUS;
        this.deliveryAt = now;
        this.carrierMessageId = carrierMessageId;
        this.segments = segments;
        this.detail = null;
        this.updatedAt = now;
    }

    /** The carrier refused the message, with its error named. */
    public void rejected(String carrierError, int segments, Instant now) {
        this.claimedBy = null;
        this.claimUntil = null;
        this.immediateStatus = ImmediateStatus.REJECTED;
        this.immediateAt = now;
        this.submittedAt = now;
        this.deliveryStatus = DeliveryStatus.NOT_SENT;
        this.isFinal = true;
        this.finalizedAt = now;
        this.segments = segments;
        this.detail = carrierError;
        this.updatedAt = now;
    }

    /** A receipt (or the finalizer) moved the delivery status. */
    void delivery(DeliveryStatus status, boolean makesFinal, String detail, Instant now) {
        this.deliveryStatus = status;
        this.deliveryAt = now;
        this.detail = detail;
        this.updatedAt = now;
        if (makesFinal) {
            this.isFinal = true;
            this.finalizedAt = now;
        }
    }

    /** The carrier the receipt named, when the carrier table did not know it. */
    void carrierName(String name) {
        this.carrierName = name;
    }

    /** Submitted again after a connection loss: the handset may get it twice. */
    public void resubmitted(Instant now) {
        this.resubmissions++;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public Long accountId() {
        return accountId;
    }

    public Long batchId() {
        return batchId;
    }

    public Long shortCodeId() {
        return shortCodeId;
    }

    public String sourceNumber() {
        return sourceNumber;
    }

    public Long keywordId() {
        return keywordId;
    }

    public String destination() {
        return destination;
    }

    public String body() {
        return body;
    }

    public int segments() {
        return segments;
    }

    public int priority() {
        return priority;
    }

    public String clientRef() {
        return clientRef;
    }

    public Instant sendAt() {
        return sendAt;
    }

    public ImmediateStatus immediateStatus() {
        return immediateStatus;
    }

    public Instant immediateAt() {
        return immediateAt;
    }

    public DeliveryStatus deliveryStatus() {
        return deliveryStatus;
    }

    public Instant deliveryAt() {
        return deliveryAt;
    }

    public boolean isFinal() {
        return isFinal;
    }

    public String detail() {
        return detail;
    }

    public String carrierMessageId() {
        return carrierMessageId;
    }

    public String carrierName() {
        return carrierName;
    }

    public String route() {
        return route;
    }

    public int resubmissions() {
        return resubmissions;
    }

    public String claimedBy() {
        return claimedBy;
    }

    public Instant claimUntil() {
        return claimUntil;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
