package org.smsswitch.account;

/** What an account may do: a client sends and manages its own data; an operator administers the switch. */
public enum Role { CLIENT, OPERATOR }
