package org.smsswitch.portal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The token every portal form carries: one per session, compared in constant time. */
public final class Csrf {
    public static final String FIELD = "csrf";
    public static final String SESSION_ATTRIBUTE = "portal.csrf";
    private static final SecureRandom random = new SecureRandom();

    private Csrf() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the form's token is the session's. */
    public static boolean matches(String expected, String given) {
        return expected != null && given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
