package org.smsswitch.status;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A delivery receipt exactly as a carrier sent it, stored before it is acknowledged. It is matched to
 * its segment when that is known; one that matches nothing is kept and reported, never dropped.
 */
@Entity
@Table(name = "delivery_receipts")
public class ReceiptRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "delivery_receipts_seq")
    @SequenceGenerator(name = "delivery_receipts_seq", sequenceName = "delivery_receipts_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 64, updatable = false)
    private String route;

    @Column(name = "carrier_message_id", nullable = false, length = 64, updatable = false)
    private String carrierMessageId;

    @Column(name = "receipt_state", nullable = false, length = 16, updatable = false)
    private String state;

    @Column(name = "receipt_error", length = 16, updatable = false)
    private String error;

    @Column(name = "carrier_name", length = 64, updatable = false)
    private String carrierName;

    @Column(name = "done_at", updatable = false)
    private Instant doneAt;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Column(name = "segment_id")
    private Long segmentId;

    @Column(name = "matched_at")
    private Instant matchedAt;

    @Column(name = "reported_unmatched", nullable = false)
    private boolean reportedUnmatched;

    protected ReceiptRecord() {
    }

    ReceiptRecord(String route, String carrierMessageId, String state, String error, String carrierName,
            Instant doneAt, Instant receivedAt) {
        this.route = route;
        this.carrierMessageId = carrierMessageId;
        this.state = state;
        this.error = error;
        this.carrierName = carrierName;
        this.doneAt = doneAt;
        this.receivedAt = receivedAt;
    }

    /** The receipt as it arrived, unstored and unmatched: to store again after a failed try. */
    ReceiptRecord asArrived() {
        return new ReceiptRecord(route, carrierMessageId, state, error, carrierName, doneAt, receivedAt);
    }

    void matched(long segmentId, Instant at) {
        this.segmentId = segmentId;
        this.matchedAt = at;
    }

    void reportedUnmatched() {
        this.reportedUnmatched = true;
    }

    public Long id() {
        return id;
    }

    public String route() {
        return route;
    }

    public String carrierMessageId() {
        return carrierMessageId;
    }

    public String state() {
        return state;
    }

    public String error() {
        return error;
    }

    public String carrierName() {
        return carrierName;
    }

    public Instant doneAt() {
        return doneAt;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant matchedAt() {
        return matchedAt;
    }

    public boolean isReportedUnmatched() {
        return reportedUnmatched;
    }
}
