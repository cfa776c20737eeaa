package org.smsswitch.numbers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The carrier a number was last reported on by a delivery receipt. */
@Entity
@Table(name = "number_carriers")
public class NumberCarrier {
    @Id
    @Column(name = "phone_number", length = 16)
    private String phoneNumber;

    @Column(name = "carrier_name", nullable = false, length = 64)
    private String carrierName;

    @Column(name = "learned_at", nullable = false)
    private Instant learnedAt;

    protected NumberCarrier() {
    }

    NumberCarrier(String phoneNumber, String carrierName, Instant learnedAt) {
        this.phoneNumber = phoneNumber;
        this.carrierName = carrierName;
        this.learnedAt = learnedAt;
    }

    void update(String carrierName, Instant learnedAt) {
        this.carrierName = carrierName;
        this.learnedAt = learnedAt;
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    public String carrierName() {
        return carrierName;
    }
}
