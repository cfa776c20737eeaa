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

/** A named send program of an account's office, on one of its long numbers; started, then archived. */
@Entity
@Table(name = "campaigns")
public class Campaign {
    /** Whether the campaign still runs. */
    public enum State { ACTIVE, ARCHIVED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(name = "office_id", nullable = false, updatable = false)
    private long officeId;

    @Column(name = "long_number_id", nullable = false, updatable = false)
    private long longNumberId;

    @Column(nullable = false, length = 100, updatable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "archived_at")
    private Instant archivedAt;

    protected Campaign() {
    }

    Campaign(long accountId, long officeId, long longNumberId, String name, Instant startedAt) {
        this.accountId = accountId;
        this.officeId = officeId;
        this.longNumberId = longNumberId;
        this.name = name;
        this.state = State.ACTIVE;
        this.startedAt = startedAt;
    }

    public Long id() {
        return id;
    }

    public long accountId() {
        return accountId;
    }

    public long officeId() {
        return officeId;
    }

    public long longNumberId() {
        return longNumberId;
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant archivedAt() {
        return archivedAt;
    }

    void archive(Instant now) {
        this.state = State.ARCHIVED;
        this.archivedAt = now;
    }
}
