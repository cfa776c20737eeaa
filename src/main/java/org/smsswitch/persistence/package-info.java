/**
 * The database: connection pool, schema migration (Flyway over {@code sql/}), the Hibernate
 * {@link org.hibernate.SessionFactory}, transactions, and the injected clock. Depends on nothing else
 * in the switch.
 */
package org.smsswitch.persistence;
