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
    /** A number that is provisioned to someone, or in quarantine, cannot be provisioned. */
    NUMBER_NOT_AVAILABLE,
    /** A number used in a campaign or a conversation cannot move, or start another single-use campaign. */
    NUMBER_ALREADY_USED,
    /** The account's contract limit would be passed. */
    CONTRACT_LIMIT_REACHED,
    NOT_IMPLEMENTED,
    SERVICE_UNAVAILABLE
}
