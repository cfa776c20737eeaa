package org.smsswitch.mo;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The multiple-keywords question (MO rule 5) a phone was asked on a short code, and when: another
 * unqualified quit within the window opts it out of everything.
 */
@Entity
@Table(name = "mo_quit_questions")
public class QuitQuestion {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "short_code_id", nullable = false, updatable = false)
    private long shortCodeId;

    @Column(name = "phone_number", nullable = false, length = 16, updatable = false)
    private String phoneNumber;

    @Column(name = "asked_at", nullable = false)
    private Instant askedAt;

    protected QuitQuestion() {
    }

    QuitQuestion(long shortCodeId, String phoneNumber, Instant askedAt) {
        this.shortCodeId = shortCodeId;
        this.phoneNumber = phoneNumber;
        this.askedAt = askedAt;
    }

    void askedAgain(Instant at) {
        this.askedAt = at;
    }

    public Instant askedAt() {
        return askedAt;
    }
}
