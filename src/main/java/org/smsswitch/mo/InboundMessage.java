package org.smsswitch.mo;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A text a phone sent in, as received, before and after processing. */
@Entity
@Table(name = "inbound_messages")
public class InboundMessage {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "inbound_messages_seq")
    @SequenceGenerator(name = "inbound_messages_seq", sequenceName = "inbound_messages_seq", allocationSize = 50)
    private Long id;

    @Column(name = "source_number", nullable = false, length = 16)
    private String sourceNumber;

    @Column(name = "short_code", nullable = false, length = 16)
    private String shortCode;

    @Column(nullable = false, length = 2000)
    private String body;

    /** HTTP or SMPP. */
    @Column(nullable = false, length = 16)
    private String channel;

    @Column(length = 64)
    private String aggregator;

    @Column(name = "aggregator_message_id", length = 128)
    private String aggregatorMessageId;

    @Column(name = "carrier_name", length = 64)
    private String carrierName;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    /** The aggregator's own time stamp, when it gave one. */
    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "processed_at")
    private Instant processedAt;

    /** Tries that failed (the database, a bug): after a few the text is given up, not tried forever. */
    @Column(nullable = false)
    private int attempts;

    /** What the keyword engine made of it ("opt-out ALERTS", "help", ...). */
    @Column(length = 500)
    private String outcome;

    protected InboundMessage() {
    }

    public InboundMessage(String sourceNumber, String shortCode, String body, String channel, String aggregator,
            String aggregatorMessageId, String carrierName, Instant receivedAt) {
        this.sourceNumber = sourceNumber;
        this.shortCode = shortCode;
        this.body = body;
        this.channel = channel;
        this.aggregator = aggregator;
        this.aggregatorMessageId = aggregatorMessageId;
        this.carrierName = carrierName;
        this.receivedAt = receivedAt;
    }

    /** The aggregator's time stamp. */
    void sentAt(Instant at) {
        this.sentAt = at;
    }

    /** Processed, with what came of it. */
    void processed(String outcome, Instant at) {
        this.outcome = outcome.length() > 500 ? outcome.substring(0, 500) : outcome;
        this.processedAt = at;
    }

    /** A try failed; returns how many have. */
    int failed() {
        return ++attempts;
    }

    public String outcome() {
        return outcome;
    }

    public String aggregatorMessageId() {
        return aggregatorMessageId;
    }

    public String channel() {
        return channel;
    }

    public Long id() {
        return id;
    }

    public String sourceNumber() {
        return sourceNumber;
    }

    public String shortCode() {
        return shortCode;
    }

    public String body() {
        return body;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant processedAt() {
        return processedAt;
    }
}
