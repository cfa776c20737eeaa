package org.smsswitch.status;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A list or subscription send: the messages it made share its id. */
@Entity
@Table(name = "mt_batches")
public class MtBatch {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mt_batches_seq")
    @SequenceGenerator(name = "mt_batches_seq", sequenceName = "mt_batches_seq", allocationSize = 50)
    private Long id;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    /** A {@link BatchKind}. */
    @Column(nullable = false, length = 16)
    private String kind;

    /** The short code it is sent from; none for a list from a campaign's long number. */
    @Column(name = "short_code_id")
    private Long shortCodeId;

    /** The long number it is sent from; none for a batch on a short code. */
    @Column(name = "source_number", length = 16)
    private String sourceNumber;

    @Column(name = "keyword_id")
    private Long keywordId;

    @Column(nullable = false, length = 2000)
    private String body;

    @Column(name = "send_at")
    private Instant sendAt;

    @Column(name = "client_ref", length = 100)
    private String clientRef;

    @Column(nullable = false)
    private int total;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected MtBatch() {
    }

    /** A list sent from a campaign's long number. */
    public static MtBatch fromNumber(long accountId, String sourceNumber, String body, Instant sendAt, String clientRef,
            Instant now) {
        MtBatch b = new MtBatch(accountId, BatchKind.LIST, null, null, body, sendAt, clientRef, now);
        b.sourceNumber = sourceNumber;
        return b;
    }

    public MtBatch(long accountId, BatchKind kind, Long shortCodeId, Long keywordId, String body, Instant sendAt,
            String clientRef, Instant now) {
        this.accountId = accountId;
        this.kind = kind.name();
        this.shortCodeId = shortCodeId;
        this.keywordId = keywordId;
        this.body = body;
        this.sendAt = sendAt;
        this.clientRef = clientRef;
        this.createdAt = now;
    }

    /** How a batch's numbers were chosen. */
    public enum BatchKind { LIST, SUBSCRIPTION }

    /** The number of messages it made, refusals included. */
    public void total(int total) {
        this.total = total;
    }

    public Long id() {
        return id;
    }

    public long accountId() {
        return accountId;
    }

    public int total() {
        return total;
    }

    public String kind() {
        return kind;
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

    public String body() {
        return body;
    }

    public Instant sendAt() {
        return sendAt;
    }

    public String clientRef() {
        return clientRef;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
