package org.smsswitch.status;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An account's change feed: the last place given to one of its status events. Status events get their
 * places after they commit, one pass at a time under this row's lock, so the places follow the order in
 * which changes became visible, whatever order their transactions began in.
 */
@Entity
@Table(name = "status_feeds")
public class StatusFeed {
    @Id
    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    protected StatusFeed() {
    }

    StatusFeed(long accountId) {
        this.accountId = accountId;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** The next place. */
    long next() {
        return ++lastSeq;
    }
}
