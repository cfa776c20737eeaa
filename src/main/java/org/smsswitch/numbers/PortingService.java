package org.smsswitch.numbers;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.smsswitch.account.Account;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.persistence.Transactions;

/**
 * Requests to port numbers in (RULES.md, "Numbers and programs"): recorded only with what the losing
 * carrier will ask for (the owner's name, a physical service address, a signed authorization, the
 * carrier's customer service record and a bill from the last 30 days); then rejected with one of the
 * carriers' named reasons, or completed, which makes the number the account's own.
 */
public final class PortingService {
    /** The largest document a request keeps. */
    public static final int MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
    /** How old the bill may be, in days. */
    public static final int BILL_DAYS = 30;
    private static final Pattern PO_BOX = Pattern.compile(
            "(?i)\\b(p\\.?\\s*o\\.?\\s*b(ox)?|post\\s+office\\s+box|postal\\s+box)\\b\\.?\\s*\\d*");

    private final Transactions tx;
    private final Clock clock;

    public PortingService(Transactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /** A service address: where the number is in service, a place and not a PO box. */
    public record Address(String street, String city, String region, String postalCode) {
    }

    /** A document as given: its file name, media type and bytes. */
    public record Document(String fileName, String contentType, byte[] content) {
    }

    /** What a porting request is submitted with. */
    public record Submission(String account, String office, String number, String ownerName, Address address,
            String signedBy, LocalDate signedOn, Document authorization, Document customerServiceRecord,
            LocalDate billDate, Document bill) {
    }

    /** A request as listed, with the account and office it is for. */
    public record View(PortingRequest request, String account, String office) {
    }

    /**
     * Records a porting request.
     *
     * @throws SwitchException naming the first missing or wrong field: a PO box as the service address,
     *     a bill older than {@link #BILL_DAYS} days, a number that is the switch's already or has a
     *     request open
     */
    public View submit(Submission s) {
        String number = PhoneNumber.parse(s.number(), "number");
        String owner = text(s.ownerName(), "ownerName", 200);
        Address a = s.address() == null ? new Address(null, null, null, null) : s.address();
        Address address = new Address(text(a.street(), "street", 200), text(a.city(), "city", 100),
                text(a.region(), "region", 100), text(a.postalCode(), "postalCode", 20));
        for (Map.Entry<String, String> line : Map.of("street", address.street(), "city", address.city()).entrySet()) {
            if (PO_BOX.matcher(line.getValue()).find()) {
                throw new SwitchException(ErrorCode.INVALID_FIELD, line.getKey(),
                        "The service address must be the physical address where the number is in service;"
                                + " a PO box ('" + line.getValue() + "') is not one.");
            }
        }
        String signedBy = text(s.signedBy(), "signedBy", 200);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (s.signedOn() == null) {
            throw SwitchException.missing("signedOn");
        }
        if (s.signedOn().isAfter(today)) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "signedOn",
                    "The authorization is dated " + s.signedOn() + ", after today (" + today + ").");
        }
        if (s.billDate() == null) {
            throw SwitchException.missing("billDate");
        }
        if (s.billDate().isAfter(today) || s.billDate().isBefore(today.minusDays(BILL_DAYS))) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "billDate",
                    "The bill must be from the last " + BILL_DAYS + " days (" + today.minusDays(BILL_DAYS) + " to "
                            + today + "); this one is from " + s.billDate() + ".");
        }
        Document authorization = document(s.authorization(), "authorization");
        Document record = document(s.customerServiceRecord(), "customerServiceRecord");
        Document bill = document(s.bill(), "bill");
        Submission checked = new Submission(s.account(), s.office(), number, owner, address, signedBy, s.signedOn(),
                authorization, record, s.billDate(), bill);
        return tx.call(session -> {
            Account account = NumberService.account(session, s.account(), false);
            Office office = NumberService.office(session, account, s.office());
            if (session.createSelectionQuery("select count(n) from LongNumber n where n.phoneNumber = :n", Long.class)
                    .setParameter("n", number).getSingleResult() > 0) {
                throw new SwitchException(ErrorCode.ALREADY_EXISTS, "number",
                        "Number " + number + " is one of the switch's numbers already.");
            }
            List<Long> open = session.createSelectionQuery("""
                            select r.id from PortingRequest r where r.phoneNumber = :n
                            and r.state = org.smsswitch.numbers.PortingRequest.State.SUBMITTED""", Long.class)
                    .setParameter("n", number)
                    .getResultList();
            if (!open.isEmpty()) {
                throw new SwitchException(ErrorCode.ALREADY_EXISTS, "number",
                        "Porting request " + open.get(0) + " for " + number + " is open already.");
            }
            PortingRequest request = new PortingRequest(account.id(), office.id(), checked, clock.instant());
            session.persist(request);
            session.flush();
            session.persist(new PortingDocument(request.id(), PortingDocument.Kind.AUTHORIZATION, authorization));
            session.persist(new PortingDocument(request.id(), PortingDocument.Kind.CUSTOMER_SERVICE_RECORD, record));
            session.persist(new PortingDocument(request.id(), PortingDocument.Kind.BILL, bill));
            return new View(request, account.username(), office.name());
        });
    }

    /** Records the losing carrier's refusal of a submitted request. */
    public View reject(long requestId, PortingRequest.Rejection reason, String note) {
        if (reason == null) {
            throw new SwitchException(ErrorCode.MISSING_FIELD, "reason", "A rejection names the carrier's reason.");
        }
        String cleanNote = note == null || note.isBlank() ? null : text(note, "note", 500);
        return tx.call(s -> {
            PortingRequest request = submitted(s, requestId);
            request.reject(reason, cleanNote, clock.instant());
            return view(s, request);
        });
    }

    /**
     * Completes a submitted request: the number becomes one of the account's, reusable, in the request's
     * office, within the account's contract limit.
     */
    public View complete(long requestId) {
        return tx.call(s -> {
            PortingRequest request = submitted(s, requestId);
            Account account = s.find(Account.class, request.accountId(), LockModeType.PESSIMISTIC_WRITE);
            Instant now = clock.instant();
            NumberService.addProvisioned(s, account, request.officeId(), request.phoneNumber(),
                    LongNumber.Kind.REUSABLE, now);
            request.complete(now);
            return view(s, request);
        });
    }

    /** The requests of one account (or all, {@code account} null), newest first, in one state or any. */
    public List<View> list(String accountName, PortingRequest.State state) {
        return tx.call(s -> {
            Long accountId = accountName == null || accountName.isBlank() ? null
                    : NumberService.account(s, accountName, false).id();
            return s.createSelectionQuery("""
                            select r, a.username, o.name from PortingRequest r join Account a on a.id = r.accountId
                            join Office o on o.id = r.officeId
                            where (:all = true or r.accountId = :a) and (:any = true or r.state = :state)
                            order by r.id desc""", Object[].class)
                    .setParameter("all", accountId == null)
                    .setParameter("a", accountId == null ? -1L : accountId)
                    .setParameter("any", state == null)
                    .setParameter("state", state == null ? PortingRequest.State.SUBMITTED : state)
                    .getResultList().stream()
                    .map(r -> new View((PortingRequest) r[0], (String) r[1], (String) r[2]))
                    .toList();
        });
    }

    /** One document of a request, as it was given. */
    public Document document(long requestId, PortingDocument.Kind kind) {
        return tx.call(s -> s.createSelectionQuery(
                        "from PortingDocument d where d.requestId = :r and d.kind = :k", PortingDocument.class)
                .setParameter("r", requestId)
                .setParameter("k", kind)
                .uniqueResultOptional()
                .map(d -> new Document(d.fileName(), d.contentType(), d.content()))
                .orElseThrow(() -> new SwitchException(ErrorCode.NOT_FOUND, "portingRequestId",
                        "Porting request " + requestId + " was not found.")));
    }

    private static PortingRequest submitted(org.hibernate.Session s, long requestId) {
        PortingRequest request = s.find(PortingRequest.class, requestId, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw new SwitchException(ErrorCode.NOT_FOUND, "portingRequestId",
                    "Porting request " + requestId + " was not found.");
        }
        if (request.state() != PortingRequest.State.SUBMITTED) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "portingRequestId",
                    "Porting request " + requestId + " is " + request.state() + " already; only a submitted"
                            + " request is rejected or completed.");
        }
        return request;
    }

    private static View view(org.hibernate.Session s, PortingRequest r) {
        return new View(r, s.find(Account.class, r.accountId()).username(), s.find(Office.class, r.officeId()).name());
    }

    private static String text(String value, String field, int max) {
        SwitchException.requireText(value, field);
        String v = value.strip();
        if (v.length() > max) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, field, field + " has at most " + max + " characters.");
        }
        return v;
    }

    private static Document document(Document d, String field) {
        if (d == null || d.content() == null || d.content().length == 0) {
            throw new SwitchException(ErrorCode.MISSING_FIELD, field, "The " + field + " document is required.");
        }
        if (d.content().length > MAX_DOCUMENT_BYTES) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, field, "The " + field + " document has "
                    + d.content().length + " bytes; at most " + MAX_DOCUMENT_BYTES + " are kept.");
        }
        String name = text(d.fileName(), field + ".fileName", 200);
        String type = d.contentType() == null || d.contentType().isBlank() ? "application/octet-stream"
                : text(d.contentType(), field + ".contentType", 100);
        return new Document(name, type, d.content());
    }
}
