/**
 * MT requests: validation, the opt-in and frequency checks, persistence, and the hand-off to the
 * carrier. Depends on {@code status}, {@code optin}, {@code numbers}, {@code account}, {@code carrier},
 * {@code model} and {@code persistence}.
 */
package org.smsswitch.send;
