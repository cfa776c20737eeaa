package org.smsswitch.carrier;

/**
 * No carrier connection could take a message: not bound, or the bind dropped before the carrier
 * answered. Nothing is known to have reached a carrier; the caller may retry later.
 */
public class CarrierUnavailableException extends Exception {
    public CarrierUnavailableException(String message) {
        super(message);
    }

    public CarrierUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
