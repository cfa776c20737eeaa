package org.smsswitch.numbers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.smsswitch.account.Account;

/** A short code the switch sends from and receives on, with its generic replies. */
@Entity
@Table(name = "short_codes")
public class ShortCode {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 16)
    private String code;

    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "share_type", nullable = false, length = 16)
    private ShortCodeType type;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "owner_account_id")
    private Account owner;

    /** The owner's office a dedicated short code belongs to; none for a shared one. */
    @Column(name = "office_id")
    private Long officeId;

    @Column(name = "help_text", length = 500)
    private String helpText;

    @Column(name = "quit_text", length = 500)
    private String quitText;

    @Column(name = "unknown_text", length = 500)
    private String unknownText;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ShortCode() {
    }

    public ShortCode(String code, ShortCodeType type, Account owner, Instant createdAt) {
        this.code = code;
        this.type = type;
        this.owner = owner;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public Long officeId() {
        return officeId;
    }

    void placeIn(long office) {
        this.officeId = office;
    }

    public String code() {
        return code;
    }

    public ShortCodeType type() {
        return type;
    }

    /** The owning account of a dedicated short code; none for a shared one. */
    public Account owner() {
        return owner;
    }

    public String helpText() {
        return helpText;
    }

    public String quitText() {
        return quitText;
    }

    public String unknownText() {
        return unknownText;
    }

    public void setTexts(String helpText, String quitText, String unknownText) {
        this.helpText = helpText;
        this.quitText = quitText;
        this.unknownText = unknownText;
    }
}
