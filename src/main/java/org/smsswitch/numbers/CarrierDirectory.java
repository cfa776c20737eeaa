package org.smsswitch.numbers;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.smsswitch.carrier.CarrierTable;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.persistence.Transactions;

/**
 * Which carrier serves a number, and so which route a message to it takes: the carrier table that
 * operators load, kept in the database and held in memory for the send path.
 */
public final class CarrierDirectory {
    private final Transactions tx;
    private final AtomicReference<CarrierTable> table = new AtomicReference<>();

    public CarrierDirectory(Transactions tx) {
        this.tx = tx;
        reload();
    }

    /** The table's entry for a number, if any prefix of it is known. */
    public Optional<CarrierTable.Entry> lookup(String e164) {
        return table.get().lookup(e164);
    }

    /**
     * Replaces the whole table with the given CSV ({@code prefix,carrier,route} lines).
     *
     * @return how many entries it now has
     * @throws SwitchException {@code INVALID_FIELD} naming the bad line; the old table stays
     */
    public int replace(String csv) {
        CarrierTable parsed;
        try {
            parsed = CarrierTable.parse(csv);
        } catch (IllegalArgumentException e) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "csv", e.getMessage());
        }
        tx.run(s -> {
            s.createMutationQuery("delete from CarrierPrefix").executeUpdate();
            for (CarrierTable.Entry entry : parsed.entries()) {
                s.persist(new CarrierPrefix(entry.prefix(), entry.carrierName(), entry.route()));
            }
        });
        table.set(parsed);
        return parsed.entries().size();
    }

    /** Reads the table from the database again (another node may have loaded a new one). */
    public void reload() {
        List<CarrierTable.Entry> entries = tx.call(s -> s.createSelectionQuery("from CarrierPrefix", CarrierPrefix.class)
                .getResultList()
                .stream()
                .map(p -> new CarrierTable.Entry(p.prefix(), p.carrierName(), p.route()))
                .toList());
        table.set(CarrierTable.of(entries));
    }
}
