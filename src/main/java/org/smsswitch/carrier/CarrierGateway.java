package org.smsswitch.carrier;

/**
 * Hands short messages to a carrier. Implementations are thread-safe: many request threads submit at
 * once.
 */
public interface CarrierGateway extends AutoCloseable {

    /**
     * Submits one message (all its segments) and waits for the carrier's answer to the submit.
     *
     * @return accepted with the carrier's message id, or rejected with the carrier's error
     * @throws CarrierUnavailableException when no carrier connection could take the message; nothing
     *     was handed to a carrier
     */
    SubmitResult submit(OutboundSms sms) throws CarrierUnavailableException;

    /** Releases connections; in-flight submits complete or fail before it returns. */
    @Override
    void close();
}
