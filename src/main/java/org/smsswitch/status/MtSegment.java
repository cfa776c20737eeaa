package org.smsswitch.status;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One SMS segment of a message as the carrier accepted it, with its own receipt. */
@Entity
@Table(name = "mt_segments")
public class MtSegment {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mt_segments_seq")
    @SequenceGenerator(name = "mt_segments_seq", sequenceName = "mt_segments_seq", allocationSize = 50)
    private Long id;

    @Column(name = "message_id", nullable = false, updatable = false)
    private long messageId;

    @Column(name = "seq_no", nullable = false, updatable = false)
    private int seqNo;

    @Column(nullable = false, length = 64, updatable = false)
    private String route;

    @Column(name = "carrier_message_id", nullable = false, length = 64, updatable = false)
    private String carrierMessageId;

    /** The SMPP stat word of the latest receipt (DELIVRD, ENROUTE, UNDELIV, ...). */
    @Column(name = "receipt_state", length = 16)
    private String receiptState;

    @Column(name = "receipt_error", length = 16)
    private String receiptError;

    @Column(name = "receipt_at")
    private Instant receiptAt;

    protected MtSegment() {
    }

    MtSegment(long messageId, int seqNo, String route, String carrierMessageId) {
        this.messageId = messageId;
        this.seqNo = seqNo;
        this.route = route;
        this.carrierMessageId = carrierMessageId;
    }

    /**
     * Records a receipt; an intermediate one (ACCEPTD, ENROUTE) arriving after a final one is kept
     * out, since receipts can be reordered on their way.
     *
     * @return whether the segment's state changed
     */
    boolean receipt(String state, String error, Instant at) {
        if (isFinalState(receiptState) && !isFinalState(state)) {
            return false;
        }
        this.receiptState = state;
        this.receiptError = error;
        this.receiptAt = at;
        return true;
    }

    private static boolean isFinalState(String state) {
        return state != null && !state.equals("ACCEPTD") && !state.equals("ENROUTE");
    }

    public String route() {
        return route;
    }

    public Long id() {
        return id;
    }

    public long messageId() {
        return messageId;
    }

    public int seqNo() {
        return seqNo;
    }

    public String carrierMessageId() {
        return carrierMessageId;
    }

    public String receiptState() {
        return receiptState;
    }

    public String receiptError() {
        return receiptError;
    }
}
