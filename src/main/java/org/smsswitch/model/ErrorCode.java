package org.smsswitch.model;

/** Why the switch refused a request; each becomes a typed WSDL fault with this code. */
public enum ErrorCode {
    MISSING_FIELD,
    INVALID_FIELD,
    INVALID_PHONE_NUMBER,
    UNKNOWN_SHORT_CODE,
    UNKNOWN_KEYWORD,
    UNKNOWN_ACCOUNT,
    MESSAGE_TOO_LONG,
    EMPTY_MESSAGE,
    TOO_MANY_NUMBERS,
    DUPLICATE_NUMBER,
    RESERVED_WORD,
    NON_COMPLIANT_MESSAGE,
    ALREADY_EXISTS,
    NOT_FOUND,
    NOT_CANCELLABLE,
    ACCESS_DENIED,
    NOT_IMPLEMENTED,
    SERVICE_UNAVAILABLE
}
