package org.smsswitch.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A client of the switch (a utility's system, a portal user's organisation) or an operator. */
@Entity
@Table(name = "accounts")
public class Account {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 64)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "point_of_sale_allowed", nullable = false)
    private boolean pointOfSaleAllowed;

    /** The contract's limit on provisioned long numbers; none means no limit. */
    @Column(name = "max_numbers")
    private Integer maxNumbers;

    /** The contract's limit on unique contacts (numbers sent to); none means no limit. */
    @Column(name = "max_contacts")
    private Integer maxContacts;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Account() {
    }

    public Account(String username, String passwordHash, String displayName, Role role, Instant createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.role = role;
        this.enabled = true;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    public boolean isOperator() {
        return role == Role.OPERATOR;
    }

    public boolean pointOfSaleAllowed() {
        return pointOfSaleAllowed;
    }

    public void allowPointOfSale(boolean allowed) {
        this.pointOfSaleAllowed = allowed;
    }

    public Integer maxNumbers() {
        return maxNumbers;
    }

    public void limitNumbers(Integer max) {
        this.maxNumbers = max;
    }

    public Integer maxContacts() {
        return maxContacts;
    }

    public void limitContacts(Integer max) {
        this.maxContacts = max;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
