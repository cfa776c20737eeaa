package org.smsswitch.numbers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of the carrier table: numbers starting with a prefix belong to a carrier, reached by a route. */
@Entity
@Table(name = "carrier_prefixes")
public class CarrierPrefix {
    @Id
    @Column(length = 16)
    private String prefix;

    @Column(name = "carrier_name", nullable = false, length = 64)
    private String carrierName;

    @Column(length = 64)
    private String route;

    protected CarrierPrefix() {
    }

    CarrierPrefix(String prefix, String carrierName, String route) {
        this.prefix = prefix;
        this.carrierName = carrierName;
        this.route = route;
    }

    public String prefix() {
        return prefix;
    }

    public String carrierName() {
        return carrierName;
    }

    public String route() {
        return route;
    }
}
