package org.smsswitch.oms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * Where an account's outage management system takes reports: its URL, the shape it expects (the
 * vendor profile), its credentials and how long the switch waits for it. One per account.
 */
@Entity
@Table(name = "oms_endpoints")
public class OmsEndpoint {
    /** How reports and answers are shaped. */
    public enum Profile {
        /** Form-encoded fields; the answer is JSON ({@code result}, {@code reply}) or the reply as plain text. */
        GENERIC_FORM,
        /** A JSON object; the answer is JSON ({@code result}, {@code reply}). */
        GENERIC_JSON,
        /** An {@code OutageCall} XML document as Milsoft- and DataVoice-style integrations take; the answer is XML. */
        OUTAGE_CALL_XML
    }

    /** How the switch proves itself to the OMS. */
    public enum Auth { NONE, BASIC, BEARER }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(nullable = false, length = 500)
    private String url;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private Profile profile;

    @Enumerated(EnumType.STRING)
    @Column(name = "auth_type", nullable = false, length = 16)
    private Auth auth;

    @Column(length = 200)
    private String username;

    /** The password or bearer token the OMS expects; sent to it, never logged. */
    @Column(length = 500)
    private String secret;

    @Column(name = "timeout_ms", nullable = false)
    private int timeoutMs;

    @Column(name = "max_attempts", nullable = false)
    private int maxAttempts;

    @Column(name = "answer_window_seconds", nullable = false)
    private int answerWindowSeconds;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected OmsEndpoint() {
    }

    OmsEndpoint(long accountId, Instant createdAt) {
        this.accountId = accountId;
        this.createdAt = createdAt;
    }

    void configure(String url, Profile profile, Auth auth, String username, String secret, Duration timeout,
            int maxAttempts, Duration answerWindow) {
        this.url = url;
        this.profile = profile;
        this.auth = auth;
        this.username = username;
        this.secret = secret;
        this.timeoutMs = (int) timeout.toMillis();
        this.maxAttempts = maxAttempts;
        this.answerWindowSeconds = (int) answerWindow.toSeconds();
    }

    public Long id() {
        return id;
    }

    public long accountId() {
        return accountId;
    }

    public String url() {
        return url;
    }

    public Profile profile() {
        return profile;
    }

    public Auth auth() {
        return auth;
    }

    public String username() {
        return username;
    }

    String secret() {
        return secret;
    }

    public Duration timeout() {
        return Duration.ofMillis(timeoutMs);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration answerWindow() {
        return Duration.ofSeconds(answerWindowSeconds);
    }
}
