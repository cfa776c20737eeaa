package org.smsswitch.optin;

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
import org.smsswitch.numbers.ShortCode;

/** A keyword on a short code: the service an account runs there, with its carrier-checked messages. */
@Entity
@Table(name = "keywords")
public class Keyword {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "short_code_id", nullable = false)
    private ShortCode shortCode;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    /** Upper case; matching is case-insensitive. */
    @Column(nullable = false, length = 32)
    private String word;

    @Column(name = "service_name", nullable = false, length = 100)
    private String serviceName;

    @Column(nullable = false)
    private boolean recurring;

    @Column(name = "max_messages")
    private Integer maxMessages;

    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "limit_period", length = 8)
    private LimitPeriod limitPeriod;

    @Column(name = "opt_in_required", nullable = false)
    private boolean optInRequired;

    @Column(nullable = false)
    private boolean outage;

    @Column(name = "welcome_text", nullable = false, length = 500)
    private String welcomeText;

    @Column(name = "help_text", nullable = false, length = 500)
    private String helpText;

    @Column(name = "quit_text", nullable = false, length = 500)
    private String quitText;

    @Column(name = "application_url", length = 500)
    private String applicationUrl;

    @Column(name = "application_sends_exit", nullable = false)
    private boolean applicationSendsExit;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Keyword() {
    }

    Keyword(KeywordDefinition d, ShortCode shortCode, Account account, Instant createdAt) {
        this.shortCode = shortCode;
        this.account = account;
        this.word = d.word();
        this.createdAt = createdAt;
        revise(d);
    }

    public Long id() {
        return id;
    }

    public ShortCode shortCode() {
        return shortCode;
    }

    public Account account() {
        return account;
    }

    public String word() {
        return word;
    }

    public String serviceName() {
        return serviceName;
    }

    public boolean recurring() {
        return recurring;
    }

    /** The most messages one number may get in a {@link #limitPeriod()}; none means no limit. */
    public Integer maxMessages() {
        return maxMessages;
    }

    public LimitPeriod limitPeriod() {
        return limitPeriod;
    }

    public boolean optInRequired() {
        return optInRequired;
    }

    public boolean outage() {
        return outage;
    }

    public String welcomeText() {
        return welcomeText;
    }

    public String helpText() {
        return helpText;
    }

    public String quitText() {
        return quitText;
    }

    public String applicationUrl() {
        return applicationUrl;
    }

    public boolean applicationSendsExit() {
        return applicationSendsExit;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** This keyword as a definition, to be changed and checked again. */
    public KeywordDefinition definition() {
        return new KeywordDefinition(shortCode.code(), word, account.username(), serviceName, recurring, maxMessages,
                limitPeriod, optInRequired, outage, welcomeText, helpText, quitText, applicationUrl,
                applicationSendsExit);
    }

    /** Takes a checked definition's service and messages; the short code, word and account stay. */
    void revise(KeywordDefinition d) {
        this.serviceName = d.serviceName();
        this.recurring = d.recurring();
        this.maxMessages = d.maxMessages();
        this.limitPeriod = d.period();
        this.optInRequired = d.optInRequired();
        this.outage = d.outage();
        this.welcomeText = d.welcomeText();
        this.helpText = d.helpText();
        this.quitText = d.quitText();
        this.applicationUrl = d.applicationUrl();
        this.applicationSendsExit = d.applicationSendsExit();
    }
}
