package io.chargeledger.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeledger.api.support.ApiClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Accounts for security tests, created through the API; passwords are generated per run, never written down. */
final class TestAccounts {

    private TestAccounts() {
    }

    static String newPassword() {
        return "pw-" + UUID.randomUUID();
    }

    static String newUsername(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates the account (as admin) and returns its username. */
    static String create(ApiClient admin, String username, String password, String... roles) {
        ApiClient.Response created = admin.post("/api/users",
                Map.of("username", username, "password", password, "roles", List.of(roles)));
        if (created.status() != 201) {
            throw new AssertionError("Creating " + username + " failed: " + created.status() + " " + created.body());
        }
        return username;
    }

    /** The JSON of a JWT's header (part 0) or claims (part 1), without checking anything. */
    static JsonNode jwtPart(String token, int part) {
        try {
            byte[] json = Base64.getUrlDecoder().decode(token.split("\\.")[part]);
            return new ObjectMapper().readTree(new String(json, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("Not a JWT: " + token, e);
        }
    }
}
