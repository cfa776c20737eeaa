package org.smsswitch.persistence;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;

/**
 * MariaDB reached through mysql-connector-j, which reports the server as "MySQL 5.5.5". Left to
 * itself Hibernate then picks a dialect without {@code SKIP LOCKED}; this one states the version the
 * switch needs, and binds timestamps so that their microseconds survive the driver.
 */
public class MariaDb1011Dialect extends MariaDBDialect {
    public MariaDb1011Dialect() {
        super(DatabaseVersion.make(10, 11));
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        typeContributions.getTypeConfiguration().getJdbcTypeRegistry()
                .addDescriptor(SqlTypes.TIMESTAMP, MicrosecondTimestampJdbcType.INSTANCE);
    }
}
