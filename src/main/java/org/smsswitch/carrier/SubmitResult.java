package org.smsswitch.carrier;

import java.util.List;
import java.util.Objects;

/**
 * The carrier's answer to a submit.
 *
 * @param accepted whether the carrier took the message (every segment of it)
 * @param carrierMessageId the carrier's id for the message (of its first segment), when accepted
 * @param errorName the carrier's error, named (e.g. {@code ESME_RINVDSTADR}), when rejected
 * @param segments how many segments the message was sent as
 * @param segmentIds the carrier's id of every segment it accepted, in segment order: all of them when
 *     accepted (the first is {@code carrierMessageId}); when rejected, those accepted before the
 *     carrier refused a later segment (usually none). Each accepted segment gets its own delivery
 *     receipt, carrying its own id.
 */
public record SubmitResult(boolean accepted, String carrierMessageId, String errorName, int segments,
        List<String> segmentIds) {

    public SubmitResult {
        segmentIds = segmentIds == null ? List.of() : List.copyOf(segmentIds);
        if (accepted && (carrierMessageId == null || segmentIds.isEmpty()
                || !carrierMessageId.equals(segmentIds.get(0)))) {
            throw new IllegalArgumentException("an accepted message's id is its first segment's id");
        }
        if (segmentIds.size() > segments) {
            throw new IllegalArgumentException(segmentIds.size() + " segment ids for " + segments + " segments");
        }
    }

    /** A result that knows only the first segment's id (from before segment ids were reported). */
    public SubmitResult(boolean accepted, String carrierMessageId, String errorName, int segments) {
        this(accepted, carrierMessageId, errorName, segments,
                carrierMessageId == null ? List.of() : List.of(carrierMessageId));
    }

    /** Accepted: one id per segment, in order. */
    public static SubmitResult accepted(List<String> segmentIds) {
        Objects.requireNonNull(segmentIds, "segmentIds");
        if (segmentIds.isEmpty()) {
            throw new IllegalArgumentException("an accepted message has at least one segment id");
        }
        return new SubmitResult(true, segmentIds.get(0), null, segmentIds.size(), segmentIds);
    }

    /** Accepted, knowing only the first segment's id. */
    public static SubmitResult accepted(String carrierMessageId, int segments) {
        return new SubmitResult(true, carrierMessageId, null, segments);
    }

    public static SubmitResult rejected(String errorName, int segments) {
        return new SubmitResult(false, null, errorName, segments, List.of());
    }

    /** Rejected at a later segment, after the carrier accepted the ones before it. */
    public static SubmitResult rejected(String errorName, int segments, List<String> acceptedSegmentIds) {
        return new SubmitResult(false, null, errorName, segments, acceptedSegmentIds);
    }
}
