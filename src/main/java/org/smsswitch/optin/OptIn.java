package org.smsswitch.optin;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A number's permission to be texted on a keyword, with its proof, tags and history. */
@Entity
@Table(name = "opt_ins")
public class OptIn {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "opt_ins_seq")
    @SequenceGenerator(name = "opt_ins_seq", sequenceName = "opt_ins_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "keyword_id", nullable = false)
    private Keyword keyword;

    @Column(name = "phone_number", nullable = false, length = 16)
    private String phoneNumber;

    @Column(nullable = false)
    private boolean active;

    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private OptInKind kind;

    @Column(nullable = false, length = 1000)
    private String proof;

    @Column(name = "opted_in_at", nullable = false)
    private Instant optedInAt;

    @Column(name = "opted_out_at")
    private Instant optedOutAt;

    @Column(name = "opt_out_source", length = 500)
    private String optOutSource;

    @OneToMany(mappedBy = "optIn", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("name")
    private List<OptInTag> tags = new ArrayList<>();

    @OneToMany(mappedBy = "optIn", cascade = CascadeType.ALL)
    @OrderBy("occurredAt, id")
    private List<OptInEvent> history = new ArrayList<>();

    protected OptIn() {
    }

    OptIn(Keyword keyword, String phoneNumber) {
        this.keyword = keyword;
        this.phoneNumber = phoneNumber;
    }

    void optIn(OptInKind kind, String proof, Instant at) {
        this.active = true;
        this.kind = kind;
        this.proof = proof;
        this.optedInAt = at;
        this.optedOutAt = null;
        this.optOutSource = null;
        history.add(new OptInEvent(this, true, kind, proof, at));
    }

    void optOut(String source, Instant at) {
        this.active = false;
        this.optedOutAt = at;
        this.optOutSource = source;
        history.add(new OptInEvent(this, false, null, source, at));
    }

    void tag(String name, String value) {
        for (OptInTag tag : tags) {
            if (tag.name().equals(name)) {
                tag.setValue(value);
                return;
            }
        }
        tags.add(new OptInTag(this, name, value));
    }

    public Long id() {
        return id;
    }

    public Keyword keyword() {
        return keyword;
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    public boolean active() {
        return active;
    }

    public OptInKind kind() {
        return kind;
    }

    public String proof() {
        return proof;
    }

    public Instant optedInAt() {
        return optedInAt;
    }

    public Instant optedOutAt() {
        return optedOutAt;
    }

    public List<OptInTag> tags() {
        return List.copyOf(tags);
    }

    public List<OptInEvent> history() {
        return List.copyOf(history);
    }
}
