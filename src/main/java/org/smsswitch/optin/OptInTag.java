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

/** A name = value tag on a number's opt-in for a keyword (an account number, a feeder, a town). */
@Entity
@Table(name = "opt_in_tags")
public class OptInTag {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "opt_in_tags_seq")
    @SequenceGenerator(name = "opt_in_tags_seq", sequenceName = "opt_in_tags_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "opt_in_id", nullable = false)
    private OptIn optIn;

    @Column(name = "tag_name", nullable = false, length = 64)
    private String name;

    @Column(name = "tag_value", nullable = false, length = 255)
    private String value;

    protected OptInTag() {
    }

    OptInTag(OptIn optIn, String name, String value) {
        this.optIn = optIn;
        this.name = name;
        this.value = value;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    void setValue(String value) {
        this.value = value;
    }
}
