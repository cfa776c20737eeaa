package org.smsswitch.status;

import java.util.Locale;
import java.util.Set;

/**
 * What a carrier's receipt state (the SMPP {@code stat} word) means for a message (RULES.md, "MT
 * sends"). DELIVRD is {@code DELIVERED} only from carriers that confirm delivery to the handset;
 * from the rest it is {@code HP DELIVERED}, a high probability.
 */
public final class ReceiptStates {
    private final Set<String> confirmingCarriers;

    /** @param confirmingCarriers carrier names, compared without regard to case */
    public ReceiptStates(Set<String> confirmingCarriers) {
        this.confirmingCarriers = confirmingCarriers.stream().map(ReceiptStates::key)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public boolean confirmsDelivery(String carrierName) {
        return carrierName != null && confirmingCarriers.contains(key(carrierName));
    }

    /** The delivery status one segment's receipt state stands for. */
    public DeliveryStatus statusOf(String state, String carrierName) {
        return switch (state == null ? "" : state.toUpperCase(Locale.ROOT)) {
            case "DELIVRD" -> confirmsDelivery(carrierName) ? DeliveryStatus.DELIVERED : DeliveryStatus.HP_DELIVERED;
            case "ACCEPTD", "ENROUTE" -> DeliveryStatus.EN_ROUTE;
            case "EXPIRED" -> DeliveryStatus.FAILED_EXPIRED;
            case "DELETED" -> DeliveryStatus.FAILED_DELETED;
            case "UNDELIV" -> DeliveryStatus.FAILED_UNDELIVERABLE;
            case "REJECTD" -> DeliveryStatus.FAILED_REJECTED;
            default -> DeliveryStatus.FAILED_UNKNOWN;
        };
    }

    static boolean isFinal(DeliveryStatus status) {
        return status != DeliveryStatus.EN_ROUTE && status != DeliveryStatus.AWAITING_STATUS
                && status != DeliveryStatus.NOT_SENT;
    }

    static boolean isFailure(DeliveryStatus status) {
        return status.name().startsWith("FAILED_");
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
