package org.smsswitch.carrier;

import java.util.List;

/**
 * No carrier connection took a message: not bound, no room to send, the bind dropped before the
 * carrier answered, or the carrier kept refusing it as throttled. The caller may retry later.
 *
 * <p>{@link #mayHaveReachedCarrier()} says whether a retry could make the handset get the message
 * twice: false when nothing was written to the carrier (or the carrier refused it), true when a
 * submit was written and no answer came, or when some segments were accepted before the failure
 * ({@link #acceptedSegmentIds()} then lists them).
 */
public class CarrierUnavailableException extends Exception {

    private final boolean mayHaveReachedCarrier;
    private final List<String> acceptedSegmentIds;

    /** Nothing reached a carrier. */
    public CarrierUnavailableException(String message) {
        this(message, null, false, List.of());
    }

    /** Nothing reached a carrier. */
    public CarrierUnavailableException(String message, Throwable cause) {
        this(message, cause, false, List.of());
    }

    /**
     * @param mayHaveReachedCarrier whether some of the message may be at the carrier
     * @param acceptedSegmentIds the carrier's ids of the segments it accepted before the failure, in
     *     order; not empty only when {@code mayHaveReachedCarrier}
     */
    public CarrierUnavailableException(String message, Throwable cause, boolean mayHaveReachedCarrier,
            List<String> acceptedSegmentIds) {
        super(message, cause);
        this.acceptedSegmentIds = List.copyOf(acceptedSegmentIds);
        if (!mayHaveReachedCarrier && !this.acceptedSegmentIds.isEmpty()) {
            throw new IllegalArgumentException("accepted segments did reach the carrier");
        }
        this.mayHaveReachedCarrier = mayHaveReachedCarrier;
    }

    /**
     * False when nothing was written to the carrier or the carrier refused it; true when a submit was
     * written and no answer came (timeout, connection dropped while waiting) or when some segments
     * were accepted.
     */
    public boolean mayHaveReachedCarrier() {
        return mayHaveReachedCarrier;
    }

    /** The ids of the segments the carrier accepted before the failure, in order; usually empty. */
    public List<String> acceptedSegmentIds() {
        return acceptedSegmentIds;
    }
}
