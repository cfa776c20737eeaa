package org.smsswitch.status;

/** Whether the carrier accepted a message, in the words clients see (RULES.md). */
public enum ImmediateStatus {
    QUEUED("Queued", false),
    ACCEPTED("Accepted", false),
    REJECTED("Rejected", true),
    NOT_SENT_NO_OPT_IN("Not Sent:No Opt-In", true),
    NOT_SENT_MSG_LIMIT_EXCEEDED("Not Sent:Msg Limit Exceeded", true),
    NOT_SENT_CARRIER_UNAVAILABLE("Not Sent:Carrier Unavailable", true),
    CANCELLED("Cancelled", true);

    private final String label;
    private final boolean endsMessage;

    ImmediateStatus(String label, boolean endsMessage) {
        this.label = label;
        this.endsMessage = endsMessage;
    }

    /** The exact string of the API. */
    public String label() {
        return label;
    }

    /** Whether a message in this status will never reach a carrier, so its status is final. */
    public boolean endsMessage() {
        return endsMessage;
    }
}
