package org.smsswitch.numbers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A request to port an account's number in from its current carrier: the owner, the physical service
 * address, the signed authorization, and (as {@link PortingDocument}s) the letter, the carrier's
 * customer service record and a recent bill. Submitted, then rejected with the carrier's reason or
 * completed, which adds the number to the account's numbers.
 */
@Entity
@Table(name = "porting_requests")
public class PortingRequest {
    /** Where a request stands. */
    public enum State { SUBMITTED, REJECTED, COMPLETED }

    /** The losing carrier's reasons for refusing a port, and what resolves each (the Ocelot seed). */
    public enum Rejection {
        UNSATISFACTORY_BUSINESS_RELATIONSHIP("Pay any outstanding balance or port-away fee to the current carrier."),
        DATA_MISMATCH("Make the authorization's name, service address and ZIP code match the customer service"
                + " record exactly."),
        INACTIVE_NUMBER("The number must be in service with the current carrier."),
        UNAUTHORIZED_SIGNATURE("Have the person authorized on the carrier account sign the authorization, or"
                + " have the carrier update who is authorized."),
        WRONG_WIRELESS_PIN("Get the account PIN the carrier has on file (sometimes the last four digits of the"
                + " holder's Social Security Number)."),
        WRONG_ACCOUNT_NUMBER("Get the account number the current carrier has on file."),
        GOOGLE_VOICE_LOCKED("Unlock the Google Voice number (www.google.com/voice/unlock), then submit again."),
        INVALID_BILLING_NUMBER("Get the billing telephone number the current carrier has on file."),
        UNPORTABLE("The number's region cannot be ported in."),
        RESOLD_ACCOUNT("Ask the service provider for the customer service record, or for how to port the"
                + " number away.");

        private final String remedy;

        Rejection(String remedy) {
            this.remedy = remedy;
        }

        public String remedy() {
            return remedy;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(name = "office_id", nullable = false, updatable = false)
    private long officeId;

    @Column(name = "phone_number", nullable = false, length = 16, updatable = false)
    private String phoneNumber;

    @Column(name = "owner_name", nullable = false, length = 200, updatable = false)
    private String ownerName;

    @Column(nullable = false, length = 200, updatable = false)
    private String street;

    @Column(nullable = false, length = 100, updatable = false)
    private String city;

    @Column(nullable = false, length = 100, updatable = false)
    private String region;

    @Column(name = "postal_code", nullable = false, length = 20, updatable = false)
    private String postalCode;

    @Column(name = "signed_by", nullable = false, length = 200, updatable = false)
    private String signedBy;

    @Column(name = "signed_on", nullable = false, updatable = false)
    private LocalDate signedOn;

    @Column(name = "bill_date", nullable = false, updatable = false)
    private LocalDate billDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Enumerated(EnumType.STRING)
    @Column(name = "rejection_reason", length = 48)
    private Rejection rejectionReason;

    @Column(name = "rejection_note", length = 500)
    private String rejectionNote;

    @Column(name = "submitted_at", nullable = false, updatable = false)
    private Instant submittedAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    protected PortingRequest() {
    }

    PortingRequest(long accountId, long officeId, PortingService.Submission s, Instant now) {
        this.accountId = accountId;
        this.officeId = officeId;
        this.phoneNumber = s.number();
        this.ownerName = s.ownerName();
        this.street = s.address().street();
        this.city = s.address().city();
        this.region = s.address().region();
        this.postalCode = s.address().postalCode();
        this.signedBy = s.signedBy();
        this.signedOn = s.signedOn();
        this.billDate = s.billDate();
        this.state = State.SUBMITTED;
        this.submittedAt = now;
    }

    public Long id() {
        return id;
    }

    public long accountId() {
        return accountId;
    }

    public long officeId() {
        return officeId;
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    public String ownerName() {
        return ownerName;
    }

    public PortingService.Address address() {
        return new PortingService.Address(street, city, region, postalCode);
    }

    public String signedBy() {
        return signedBy;
    }

    public LocalDate signedOn() {
        return signedOn;
    }

    public LocalDate billDate() {
        return billDate;
    }

    public State state() {
        return state;
    }

    public Rejection rejectionReason() {
        return rejectionReason;
    }

    public String rejectionNote() {
        return rejectionNote;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    void reject(Rejection reason, String note, Instant now) {
        this.state = State.REJECTED;
        this.rejectionReason = reason;
        this.rejectionNote = note;
        this.decidedAt = now;
    }

    void complete(Instant now) {
        this.state = State.COMPLETED;
        this.decidedAt = now;
    }
}
