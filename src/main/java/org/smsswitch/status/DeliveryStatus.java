package org.smsswitch.status;

/** Whether a message reached a handset, in the words clients see (RULES.md). */
public enum DeliveryStatus {
    NOT_SENT("Not Sent"),
    AWAITING_STATUS("Awaiting Status"),
    EN_ROUTE("En Route"),
    DELIVERED("DELIVERED"),
    HP_DELIVERED("HP DELIVERED"),
    FAILED_EXPIRED("Failed:Expired"),
    FAILED_DELETED("Failed:Deleted"),
    FAILED_UNDELIVERABLE("Failed:Undeliverable"),
    FAILED_REJECTED("Failed:Rejected"),
    FAILED_UNKNOWN("Failed:Unknown"),
    FAILED_NO_RECEIPT("Failed:No Receipt");

    private final String label;

    DeliveryStatus(String label) {
        this.label = label;
    }

    /** The exact string of the API. */
    public String label() {
        return label;
    }
}
