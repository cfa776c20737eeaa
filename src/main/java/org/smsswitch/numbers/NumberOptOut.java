package org.smsswitch.numbers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;

/** A phone that texted a quit word to a long number: nothing more is sent it from that number. */
@Entity
@Table(name = "number_opt_outs")
public class NumberOptOut {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "long_number_id", nullable = false, updatable = false)
    private long longNumberId;

    @Column(name = "phone_number", nullable = false, length = 16, updatable = false)
    private String phoneNumber;

    @Column(name = "opted_out_at", nullable = false, updatable = false)
    private Instant optedOutAt;

    protected NumberOptOut() {
    }

    public NumberOptOut(long longNumberId, String phoneNumber, Instant optedOutAt) {
        this.longNumberId = longNumberId;
        this.phoneNumber = phoneNumber;
        this.optedOutAt = optedOutAt;
    }

    /** Whether the phone has stopped the number's texts, in an open session. */
    public static boolean exists(Session s, long longNumberId, String phoneNumber) {
        return s.createSelectionQuery(
                        "select count(o) from NumberOptOut o where o.longNumberId = :n and o.phoneNumber = :p", Long.class)
                .setParameter("n", longNumberId)
                .setParameter("p", phoneNumber)
                .getSingleResult() > 0;
    }

    /** Those of the phones that have stopped the number's texts, in an open session. */
    public static Set<String> among(Session s, long longNumberId, Collection<String> phones) {
        List<String> all = List.copyOf(phones);
        Set<String> stopped = new HashSet<>();
        for (int from = 0; from < all.size(); from += 1000) {
            stopped.addAll(s.createSelectionQuery(
                            "select o.phoneNumber from NumberOptOut o where o.longNumberId = :n and o.phoneNumber in :p",
                            String.class)
                    .setParameter("n", longNumberId)
                    .setParameter("p", all.subList(from, Math.min(all.size(), from + 1000)))
                    .getResultList());
        }
        return stopped;
    }

    public long longNumberId() {
        return longNumberId;
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    public Instant optedOutAt() {
        return optedOutAt;
    }
}
