/** Phone numbers (E.164) and short codes. Depends on {@code persistence} and {@code account}. */
package org.smsswitch.numbers;
