package org.smsswitch.account;

/**
 * What an account may do: a client sends and manages its own data; an operator administers the switch;
 * an aggregator only posts the texts phones send in, to the MO listener.
 */
public enum Role { CLIENT, OPERATOR, AGGREGATOR }
