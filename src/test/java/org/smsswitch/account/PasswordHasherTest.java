package org.smsswitch.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1000);

    @Test
    void a_hash_matches_its_password_only() {
        String hash = hasher.hash("s3cret");
        assertTrue(hasher.matches("s3cret", hash));
        assertFalse(hasher.matches("s3cret ", hash));
        assertFalse(hasher.matches("", hash));
    }

    @Test
    void the_same_password_hashes_differently_each_time() {
        assertNotEquals(hasher.hash("s3cret"), hasher.hash("s3cret"));
    }

    @Test
    void a_hash_made_with_other_iterations_still_matches() {
        String older = new PasswordHasher(2000).hash("s3cret");
        assertTrue(hasher.matches("s3cret", older));
    }

    @Test
    void malformed_hashes_never_match() {
        assertFalse(hasher.matches("x", "plain"));
        assertFalse(hasher.matches("x", "pbkdf2-sha256$many$AAAA$AAAA"));
    }

    @Test
    void too_few_iterations_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(10));
    }
}
