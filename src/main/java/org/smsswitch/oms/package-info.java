/**
 * Outage reports forwarded to utilities' outage management systems: the endpoints and their vendor
 * profiles, the outbox with its retries and dead letters, and the OMS's answers relayed to phones.
 */
package org.smsswitch.oms;
