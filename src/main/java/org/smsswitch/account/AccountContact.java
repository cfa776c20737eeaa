package org.smsswitch.account;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A number an account has sent to: one of its unique contacts, which its contract may limit. */
@Entity
@Table(name = "account_contacts")
public class AccountContact {
    /** The account and the number. */
    @Embeddable
    public record Key(@Column(name = "account_id") long accountId,
            @Column(name = "phone_number", length = 16) String phoneNumber) implements Serializable {
    }

    @EmbeddedId
    private Key key;

    @Column(name = "first_targeted_at", nullable = false, updatable = false)
    private Instant firstTargetedAt;

    protected AccountContact() {
    }

    public AccountContact(long accountId, String phoneNumber, Instant at) {
        this.key = new Key(accountId, phoneNumber);
        this.firstTargetedAt = at;
    }

    public Key key() {
        return key;
    }
}
