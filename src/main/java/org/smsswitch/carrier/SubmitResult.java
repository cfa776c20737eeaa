package org.smsswitch.carrier;

/**
 * The carrier's answer to a submit.
 *
 * @param accepted whether the carrier took the message
 * @param carrierMessageId the carrier's id for the message (of its first segment), when accepted
 * @param errorName the carrier's error, named (e.g. {@code ESME_RINVDSTADR}), when rejected
 * @param segments how many segments the message was sent as
 */
public record SubmitResult(boolean accepted, String carrierMessageId, String errorName, int segments) {

    public static SubmitResult accepted(String carrierMessageId, int segments) {
        return new SubmitResult(true, carrierMessageId, null, segments);
    }

    public static SubmitResult rejected(String errorName, int segments) {
        return new SubmitResult(false, null, errorName, segments);
    }
}
