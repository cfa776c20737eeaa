package org.smsswitch.carrier;

import java.time.Duration;

/**
 * Hands short messages to a carrier. Implementations are thread-safe: many request threads submit at
 * once.
 */
public interface CarrierGateway extends AutoCloseable {

    /**
     * Submits one message (all its segments, in order) and waits for the carrier's answer to each.
     *
     * @return accepted with the carrier's id of every segment, or rejected with the carrier's error
     * @throws CarrierUnavailableException when no carrier connection took the message; its {@link
     *     CarrierUnavailableException#mayHaveReachedCarrier()} tells whether a retry risks a duplicate
     */
    SubmitResult submit(OutboundSms sms) throws CarrierUnavailableException;

    /**
     * Waits until the gateway has a carrier connection that can take submits, for at most {@code
     * timeout}: after a {@link CarrierUnavailableException}, to know when a retry is worth it. A
     * gateway without connections of its own is always ready.
     *
     * @return whether a connection is up; false at once for a closed gateway
     */
    default boolean awaitBound(Duration timeout) throws InterruptedException {
        return true;
    }

    /** Releases connections; in-flight submits complete or fail before it returns. */
    @Override
    void close();
}
