package io.chargeledger.charger.api;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A charger's OCPP authorization key (the HTTP Basic password of security profiles 1 and 2).
 * Only its salted PBKDF2 hash is ever stored; the JDK's own crypto keeps the domain free of frameworks.
 */
public final class AuthorizationKey {

    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 40;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String PREFIX = "pbkdf2-sha256";
    // Keys are 16+ characters chosen by machines or admins; this cost keeps a reconnect storm affordable.
    private static final int ITERATIONS = 20_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AuthorizationKey() {
    }

    public static List<Violation> check(String plainKey) {
        List<Violation> violations = new ArrayList<>();
        if (plainKey == null) {
            return violations;
        }
        if (plainKey.length() < MIN_LENGTH || plainKey.length() > MAX_LENGTH) {
            violations.add(new Violation("authorizationKey",
                    "must be " + MIN_LENGTH + "-" + MAX_LENGTH + " characters long"));
        } else if (!plainKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            violations.add(new Violation("authorizationKey", "must consist of printable ASCII characters without spaces"));
        }
        return violations;
    }

    public static String hash(String plainKey) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] derived = derive(plainKey, salt, ITERATIONS);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(derived);
    }

    public static boolean matches(String plainKey, String storedHash) {
        if (plainKey == null || storedHash == null) {
            return false;
        }
        String[] parts = storedHash.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(plainKey, salt, iterations));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** Random key of the given length from an unambiguous alphabet, for sample data and key rotation. */
    public static String generate(int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder key = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            key.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return key.toString();
    }

    private static byte[] derive(String plainKey, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(plainKey.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

}
