package org.smsswitch.carrier.smpp;

/**
 * A submit_sm got no answer: it could not be written, the bind dropped, or no response came in time.
 * Whether the SMSC may have it decides if a retry risks a duplicate.
 */
final class NotAnsweredException extends Exception {

    private final boolean mayHaveBeenWritten;

    NotAnsweredException(String message, boolean mayHaveBeenWritten, Throwable cause) {
        super(message, cause);
        this.mayHaveBeenWritten = mayHaveBeenWritten;
    }

    /** False only when the PDU certainly did not reach the socket. */
    boolean mayHaveBeenWritten() {
        return mayHaveBeenWritten;
    }
}
