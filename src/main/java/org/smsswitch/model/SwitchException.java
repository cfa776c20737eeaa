package org.smsswitch.model;

/**
 * A request the switch refuses, with a code a client can act on, a message a person can read, and
 * the request field at fault where there is one. Nothing was written when it is thrown.
 */
public class SwitchException extends RuntimeException {
    private final ErrorCode code;
    private final String field;

    public SwitchException(ErrorCode code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public SwitchException(ErrorCode code, String message) {
        this(code, null, message);
    }

    public static SwitchException missing(String field) {
        return new SwitchException(ErrorCode.MISSING_FIELD, field, "The field '" + field + "' is required.");
    }

    /** Refuses a request field that is absent or blank. */
    public static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw missing(field);
        }
    }

    public static SwitchException notFound(String what) {
        return new SwitchException(ErrorCode.NOT_FOUND, what + " was not found.");
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }
}
