package org.smsswitch.numbers;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.smsswitch.account.Account;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.persistence.Transactions;

/** Registers short codes and finds them. */
public final class ShortCodeService {
    private static final Pattern CODE = Pattern.compile("[0-9]{3,8}");
    private static final int MAX_REPLY_LENGTH = 160;

    private final Transactions tx;
    private final Clock clock;

    public ShortCodeService(Transactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Registers a short code. A dedicated one names its owning account; a shared one has none.
     *
     * @param owner the owner's username, for a dedicated short code
     * @param office for a dedicated short code: the owner's office it belongs to (it counts, as a
     *     provisioned number, against the owner's contract limit on provisioned numbers)
     */
    public ShortCode create(String code, ShortCodeType type, String owner, String office, String helpText,
            String quitText, String unknownText) {
        if (code == null || code.isBlank()) {
            throw SwitchException.missing("code");
        }
        if (!CODE.matcher(code).matches()) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "code", "A short code is 3 to 8 digits, not '" + code + "'.");
        }
        if (type == null) {
            throw SwitchException.missing("type");
        }
        if (type == ShortCodeType.DEDICATED && (owner == null || owner.isBlank())) {
            throw new SwitchException(ErrorCode.MISSING_FIELD, "ownerAccount", "A dedicated short code names its owner account.");
        }
        if (type == ShortCodeType.SHARED && owner != null && !owner.isBlank()) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "ownerAccount", "A shared short code has no owner account.");
        }
        if (type == ShortCodeType.SHARED && office != null && !office.isBlank()) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "office",
                    "A shared short code serves many accounts and belongs to no office.");
        }
        checkLength("helpText", helpText);
        checkLength("quitText", quitText);
        checkLength("unknownText", unknownText);
        return tx.call(s -> {
            if (find(s, code).isPresent()) {
                throw new SwitchException(ErrorCode.ALREADY_EXISTS, "code", "Short code " + code + " already exists.");
            }
            Account ownerAccount = null;
            Office ownerOffice = null;
            if (type == ShortCodeType.DEDICATED) {
                ownerAccount = s.createSelectionQuery("from Account a where a.username = :u", Account.class)
                        .setParameter("u", owner)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .uniqueResultOptional()
                        .orElseThrow(() -> new SwitchException(ErrorCode.UNKNOWN_ACCOUNT, "ownerAccount",
                                "There is no account named '" + owner + "'."));
                ownerOffice = office == null || office.isBlank() ? null : NumberService.office(s, ownerAccount, office);
                NumberService.checkLimit(s, ownerAccount);
            }
            ShortCode shortCode = new ShortCode(code, type, ownerAccount, clock.instant());
            shortCode.setTexts(helpText, quitText, unknownText);
            if (ownerOffice != null) {
                shortCode.placeIn(ownerOffice.id());
            }
            s.persist(shortCode);
            return shortCode;
        });
    }

    /** Generic replies are texts to handsets: one SMS each. */
    private static void checkLength(String field, String text) {
        if (text != null && text.length() > MAX_REPLY_LENGTH) {
            throw new SwitchException(ErrorCode.NON_COMPLIANT_MESSAGE, field, "The " + field + " has " + text.length()
                    + " characters; at most " + MAX_REPLY_LENGTH + " are allowed.");
        }
    }

    public static Optional<ShortCode> find(Session s, String code) {
        return s.createSelectionQuery("from ShortCode c where c.code = :code", ShortCode.class)
                .setParameter("code", code)
                .uniqueResultOptional();
    }
}
