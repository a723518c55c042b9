package io.chargeledger.ocpp.server;

import io.chargeledger.charger.api.AuthorizationKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Verifies a charger's Basic-auth password against its stored PBKDF2 hash. A successful check is remembered
 * (as a SHA-256 of the password, never the password) for as long as the stored hash stays the same, so a
 * reconnect storm of thousands of chargers does not cost thousands of PBKDF2 runs.
 */
public class CredentialCheck {

    private final ConcurrentMap<String, String> verified = new ConcurrentHashMap<>();

    public boolean matches(String chargePointId, String password, String storedHash) {
        if (password == null || storedHash == null) {
            return false;
        }
        String fingerprint = storedHash + "|" + sha256(password);
        if (fingerprint.equals(verified.get(chargePointId))) {
            return true;
        }
        if (!AuthorizationKey.matches(password, storedHash)) {
            return false;
        }
        verified.put(chargePointId, fingerprint);
        return true;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
