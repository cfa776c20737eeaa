package org.smsswitch.numbers;

/** A shared short code serves many accounts, told apart by keyword; a dedicated one serves one account. */
public enum ShortCodeType { SHARED, DEDICATED }
