package org.smsswitch.persistence;

import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.MariaDBDialect;

/**
 * MariaDB reached through mysql-connector-j, which reports the server as "MySQL 5.5.5". Left to
 * itself Hibernate then picks a dialect without {@code SKIP LOCKED}; this one states the version the
 * switch needs.
 */
public class MariaDb1011Dialect extends MariaDBDialect {
    public MariaDb1011Dialect() {
        super(DatabaseVersion.make(10, 11));
    }
}
