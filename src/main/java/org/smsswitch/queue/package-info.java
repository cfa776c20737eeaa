/**
 * The send queue: each node's drainer claims due messages (SKIP LOCKED, so nodes never take the same
 * one), takes over claims whose node stopped, and hands them to the dispatcher. Depends on
 * {@code send}, {@code status} and {@code persistence}.
 */
package org.smsswitch.queue;
