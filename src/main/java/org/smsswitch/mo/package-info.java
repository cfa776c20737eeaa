/**
 * Inbound (mobile-originated) texts: where they are stored first, before the keyword engine reads
 * them. Depends on the feature packages below it.
 */
package org.smsswitch.mo;
