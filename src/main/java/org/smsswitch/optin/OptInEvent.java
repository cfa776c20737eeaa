package org.smsswitch.optin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One opt-in or opt-out in a number's history, with what proves it (the MO, the page, the operator). */
@Entity
@Table(name = "opt_in_events")
public class OptInEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "opt_in_events_seq")
    @SequenceGenerator(name = "opt_in_events_seq", sequenceName = "opt_in_events_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "opt_in_id", nullable = false)
    private OptIn optIn;

    @Column(name = "opted_in", nullable = false)
    private boolean optedIn;

    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(length = 16)
    private OptInKind kind;

    @Column(nullable = false, length = 1000)
    private String source;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    protected OptInEvent() {
    }

    OptInEvent(OptIn optIn, boolean optedIn, OptInKind kind, String source, Instant occurredAt) {
        this.optIn = optIn;
        this.optedIn = optedIn;
        this.kind = kind;
        this.source = source;
        this.occurredAt = occurredAt;
    }

    public boolean optedIn() {
        return optedIn;
    }

    public OptInKind kind() {
        return kind;
    }

    public String source() {
        return source;
    }

    public Instant occurredAt() {
        return occurredAt;
    }
}
