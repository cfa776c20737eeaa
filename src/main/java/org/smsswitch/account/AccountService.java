package org.smsswitch.account;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hibernate.Session;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.persistence.Transactions;

/**
 * Creates accounts and authenticates callers. A password is checked against its slow hash once; a
 * successful check is remembered for a few minutes (as a keyed digest, never the password) so that a
 * busy client does not pay the hash on every call.
 */
public final class AccountService {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final int MIN_PASSWORD_LENGTH = 4;
    private static final Duration REMEMBER = Duration.ofMinutes(5);

    private final Transactions tx;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final byte[] cacheKey = new byte[32];
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private volatile String dummyHash;

    private record Verified(long accountId, String storedHash, byte[] digest, Instant until) {
    }

    public AccountService(Transactions tx, PasswordHasher hasher, Clock clock) {
        this.tx = tx;
        this.hasher = hasher;
        this.clock = clock;
        new SecureRandom().nextBytes(cacheKey);
    }

    public Account create(String username, String password, String displayName, Role role, boolean pointOfSaleAllowed) {
        if (username == null || username.isBlank()) {
            throw SwitchException.missing("username");
        }
        if (!USERNAME.matcher(username).matches()) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "username",
                    "A username is 1 to 64 letters, digits or . _ @ -.");
        }
        if (password == null || password.isEmpty()) {
            throw SwitchException.missing("password");
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "password",
                    "A password has at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (role == null) {
            throw SwitchException.missing("role");
        }
        String hash = hasher.hash(password);
        return tx.call(s -> {
            if (findByUsername(s, username).isPresent()) {
                throw new SwitchException(ErrorCode.ALREADY_EXISTS, "username",
                        "An account named '" + username + "' already exists.");
            }
            Account account = new Account(username, hash,
                    displayName == null || displayName.isBlank() ? username : displayName, role, clock.instant());
            account.allowPointOfSale(pointOfSaleAllowed);
            s.persist(account);
            return account;
        });
    }

    /** The enabled account with this username and password, if the password is right. */
    public Optional<Account> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        Optional<Account> found = find(username);
        if (found.isEmpty() || !found.get().enabled()) {
            // Pay the same cost as a real check, so a timing probe cannot tell which usernames exist.
            hasher.matches(password, dummyHash());
            return Optional.empty();
        }
        Account account = found.get();
        byte[] digest = digest(username, password);
        Verified seen = verified.get(username);
        Instant now = clock.instant();
        if (seen != null && seen.accountId() == account.id() && seen.storedHash().equals(account.passwordHash())
                && now.isBefore(seen.until()) && MessageDigest.isEqual(seen.digest(), digest)) {
            return found;
        }
        if (!hasher.matches(password, account.passwordHash())) {
            return Optional.empty();
        }
        verified.put(username, new Verified(account.id(), account.passwordHash(), digest, now.plus(REMEMBER)));
        return found;
    }

    public Optional<Account> find(String username) {
        return tx.call(s -> findByUsername(s, username));
    }



    static Optional<Account> findByUsername(Session s, String username) {
        return s.createSelectionQuery("from Account a where a.username = :username", Account.class)
                .setParameter("username", username)
                .uniqueResultOptional();
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = hasher.hash("not the password of any account");
            dummyHash = hash;
        }
        return hash;
    }

    private byte[] digest(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

}
