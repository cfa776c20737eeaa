/**
 * Keywords and their messages, subscribers' opt-ins with tags and history, and the carrier words
 * reserved from use as keywords. Depends on {@code numbers}, {@code account}, {@code model} and
 * {@code persistence}.
 */
package org.smsswitch.optin;
