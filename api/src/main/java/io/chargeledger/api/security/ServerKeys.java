package io.chargeledger.api.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keys the server generates for itself on first start and keeps in PostgreSQL (table server_key), so that tokens
 * survive restarts and every node of a cluster signs and verifies with the same key. Nothing here is ever logged,
 * and no key lives in the repository or the configuration.
 */
@Component
public class ServerKeys {

    static final String JWT_SIGNING = "jwt-signing";
    static final String HMAC_SHA256 = "HmacSHA256";
    private static final int SECRET_BYTES = 32; // 256 bits, as HS256 requires

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();
    private volatile SigningKey signingKey;

    public ServerKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The key that signs and verifies access tokens: read once, created on the very first start. */
    public SigningKey jwtSigningKey() {
        SigningKey key = signingKey;
        if (key == null) {
            synchronized (this) {
                key = signingKey;
                if (key == null) {
                    key = loadOrCreate();
                    signingKey = key;
                }
            }
        }
        return key;
    }

    private SigningKey loadOrCreate() {
        List<SigningKey> stored = load();
        if (!stored.isEmpty()) {
            return stored.get(0);
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        // two nodes starting together on an empty database: the first insert wins and both read it back
        jdbc.update("insert into server_key (name, key_id, algorithm, secret, created_at) values (?, ?, ?, ?, ?) "
                        + "on conflict (name) do nothing",
                JWT_SIGNING, UUID.randomUUID().toString(), HMAC_SHA256, secret, Timestamp.from(Instant.now()));
        stored = load();
        if (stored.isEmpty()) {
            throw new IllegalStateException("The token signing key could not be stored");
        }
        return stored.get(0);
    }

    private List<SigningKey> load() {
        return jdbc.query("select key_id, algorithm, secret from server_key where name = ?",
                (row, index) -> new SigningKey(row.getString("key_id"),
                        new SecretKeySpec(row.getBytes("secret"), row.getString("algorithm"))),
                JWT_SIGNING);
    }

    /** A secret key with the id that tokens name in their {@code kid} header. */
    public record SigningKey(String keyId, SecretKey secret) {

        @Override
        public String toString() {
            return "SigningKey[" + keyId + "]"; // never the secret itself
        }
    }
}
