package org.smsswitch.persistence;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.hibernate.type.descriptor.ValueBinder;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.BasicBinder;
import org.hibernate.type.descriptor.jdbc.TimestampJdbcType;

/**
 * Binds timestamps as UTC text with microseconds. mysql-connector-j reads MariaDB 10's version as
 * "5.5.5" and so drops the fraction of every bound timestamp; MariaDB converts the text to DATETIME(6)
 * without loss. Reading is unchanged.
 */
final class MicrosecondTimestampJdbcType extends TimestampJdbcType {
    static final MicrosecondTimestampJdbcType INSTANCE = new MicrosecondTimestampJdbcType();

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    @Override
    public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
        return new BasicBinder<>(javaType, this) {
            @Override
            protected void doBind(PreparedStatement st, X value, int index, WrapperOptions options)
                    throws SQLException {
                st.setString(index, TEXT.format(javaType.unwrap(value, Instant.class, options)));
            }

            @Override
            protected void doBind(CallableStatement st, X value, String name, WrapperOptions options)
                    throws SQLException {
                st.setString(name, TEXT.format(javaType.unwrap(value, Instant.class, options)));
            }
        };
    }
}
