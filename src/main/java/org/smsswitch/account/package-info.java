/**
 * Accounts (clients and operators), their passwords as slow salted hashes, and authentication.
 * Depends on {@code persistence} only.
 */
package org.smsswitch.account;
