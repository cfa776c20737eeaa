/**
 * MT messages and batches, the status each message is in (immediate and delivery), its transitions
 * over time, and the queries GetStatus answers. Depends on {@code account}, {@code numbers},
 * {@code optin}, {@code model} and {@code persistence}.
 */
package org.smsswitch.status;
