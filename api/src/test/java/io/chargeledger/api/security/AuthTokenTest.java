package io.chargeledger.api.security;

import static io.chargeledger.api.security.TestAccounts.jwtPart;
import static io.chargeledger.api.security.TestAccounts.newPassword;
import static io.chargeledger.api.security.TestAccounts.newUsername;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.chargeledger.api.support.ApiClient;
import io.chargeledger.api.support.ApiClient.Response;
import io.chargeledger.api.support.ApiIntegrationTest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * POST /api/auth/token and Bearer authentication over real HTTP: what a token holds, that the server verifies it with
 * the key it persisted in PostgreSQL (read back here to sign and verify tokens independently), and every way a token
 * is refused (garbage, wrong signature, expired, unsigned, tampered, revoked) with 401 problem+json.
 */
class AuthTokenTest extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTokenIsASignedJwtWithSubjectRolesAndAtMostOneHourOfLife() throws Exception {
        String password = newPassword();
        String user = TestAccounts.create(admin(), newUsername("tok"), password, "AUDITOR", "DRIVER");

        Response response = admin().anonymous().post("/api/auth/token", Map.of("username", user, "password", password));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        JsonNode body = response.json();
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isBetween(1L, 3600L);
        assertThat(body.path("roles")).containsExactlyInAnyOrder(
                com.fasterxml.jackson.databind.node.TextNode.valueOf("AUDITOR"),
                com.fasterxml.jackson.databind.node.TextNode.valueOf("DRIVER"));
        String token = body.path("access_token").asText();

        JsonNode header = jwtPart(token, 0);
        JsonNode claims = jwtPart(token, 1);
        assertThat(header.path("alg").asText()).isEqualTo("HS256");
        assertThat(claims.path("sub").asText()).isEqualTo(user);
        assertThat(claims.path("iss").asText()).isEqualTo("chargeledger");
        assertThat(claims.path("roles").toString()).contains("AUDITOR").contains("DRIVER");
        long iat = claims.path("iat").asLong();
        long exp = claims.path("exp").asLong();
        assertThat(exp - iat).isPositive().isLessThanOrEqualTo(3600);
        assertThat(exp - iat).isEqualTo(body.path("expires_in").asLong());
        assertThat(iat).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 5);
        assertThat(claims.has("jti")).isTrue();
        assertThat(token).doesNotContain(password);

        // the server signed it with the key it keeps in PostgreSQL, and named that key
        StoredKey key = storedKey();
        assertThat(header.path("kid").asText()).isEqualTo(key.keyId());
        assertThat(SignedJWT.parse(token).verify(new MACVerifier(key.secret()))).isTrue();
    }

    @Test
    void aBearerTokenWorksOnTheApiAndBasicStillWorksToo() {
        String password = newPassword();
        String user = TestAccounts.create(admin(), newUsername("both"), password, "DRIVER");
        ApiClient bearer = admin().bearerAs(user, password);

        Response me = bearer.get("/api/auth/me");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("username").asText()).isEqualTo(user);
        assertThat(me.json().path("authentication").asText()).isEqualTo("Bearer");
        assertThat(me.json().path("roles").toString()).isEqualTo("[\"DRIVER\"]");
        assertThat(bearer.get("/api/chargers").status()).isEqualTo(200);

        Response basic = admin().as(user, password).get("/api/auth/me");
        assertThat(basic.status()).isEqualTo(200);
        assertThat(basic.json().path("authentication").asText()).isEqualTo("Basic");
        assertThat(admin().get("/api/auth/me").json().path("roles").toString()).isEqualTo("[\"ADMIN\"]");
        assertThat(admin().bearerAs("admin", ADMIN_PASSWORD).get("/api/users").status()).isEqualTo(200);
    }

    @Test
    void aTokenSignedWithThePersistedKeyIsAcceptedAndAnyOtherKeyIsNot() throws Exception {
        String password = newPassword();
        String user = TestAccounts.create(admin(), newUsername("key"), password, "DRIVER");
        StoredKey key = storedKey();
        assertThat(key.algorithm()).isEqualTo("HmacSHA256");
        assertThat(key.secret()).hasSizeGreaterThanOrEqualTo(32);

        // minted here, outside the server, with the key read back from the database: the server trusts it,
        // which is what lets tokens outlive a restart and work on every node sharing the database
        String minted = sign(key.secret(), key.keyId(), claims(user, List.of("DRIVER"), stamp(user),
                Instant.now(), Instant.now().plusSeconds(600)));
        Response accepted = admin().bearer(minted).get("/api/auth/me");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().path("username").asText()).isEqualTo(user);

        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        String foreign = sign(otherKey, key.keyId(), claims(user, List.of("DRIVER"), stamp(user),
                Instant.now(), Instant.now().plusSeconds(600)));
        assertInvalidToken(admin().bearer(foreign).get("/api/chargers"), "invalid");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String password = newPassword();
        String user = TestAccounts.create(admin(), newUsername("exp"), password, "DRIVER");
        StoredKey key = storedKey();
        Instant issued = Instant.now().minusSeconds(3700);
        String expired = sign(key.secret(), key.keyId(), claims(user, List.of("DRIVER"), stamp(user), issued,
                issued.plusSeconds(3600)));

        Response response = admin().bearer(expired).get("/api/chargers");

        assertInvalidToken(response, "expired");
        assertThat(response.json().path("detail").asText()).contains("expired");
    }

    @Test
    void garbageUnsignedAndTamperedTokensAreRefused() throws Exception {
        String password = newPassword();
        String user = TestAccounts.create(admin(), newUsername("bad"), password, "DRIVER");
        String token = admin().token(user, password);

        assertInvalidToken(admin().bearer("not-a-token").get("/api/chargers"), "garbage");
        assertInvalidToken(admin().bearer("a.b.c").get("/api/chargers"), "three garbage parts");
        assertInvalidToken(admin().bearer(token.substring(0, token.length() - 4) + "AAAA").get("/api/chargers"),
                "broken signature");

        String[] parts = token.split("\\.");
        JsonNode claims = jwtPart(token, 1);
        String promoted = claims.toString().replace("\"roles\":[\"DRIVER\"]", "\"roles\":[\"ADMIN\"]");
        assertThat(promoted).contains("ADMIN");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(promoted.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        assertInvalidToken(admin().bearer(tampered).get("/api/users"), "tampered roles");

        String unsigned = new PlainJWT(claims(user, List.of("ADMIN"), stamp(user), Instant.now(),
                Instant.now().plusSeconds(600))).serialize();
        assertInvalidToken(admin().bearer(unsigned).get("/api/users"), "alg none");

        // signed with the right key but not by this server's rules: wrong issuer, no expiry
        StoredKey key = storedKey();
        JWTClaimsSet wrongIssuer = new JWTClaimsSet.Builder(claims(user, List.of("DRIVER"), stamp(user),
                Instant.now(), Instant.now().plusSeconds(600))).issuer("someone-else").build();
        assertInvalidToken(admin().bearer(sign(key.secret(), key.keyId(), wrongIssuer)).get("/api/chargers"),
                "wrong issuer");
        JWTClaimsSet noExpiry = new JWTClaimsSet.Builder(claims(user, List.of("DRIVER"), stamp(user),
                Instant.now(), Instant.now())).expirationTime(null).build();
        assertInvalidToken(admin().bearer(sign(key.secret(), key.keyId(), noExpiry)).get("/api/chargers"),
                "no exp");

        // and the real token still works
        assertThat(admin().bearer(token).get("/api/chargers").status()).isEqualTo(200);
    }

    @Test
    void aNewPasswordDisablingOrDeletingTheAccountRevokesItsTokens() {
        String password = newPassword();
        String user = TestAccounts.create(admin(), newUsername("rev"), password, "DRIVER");
        String before = admin().token(user, password);
        assertThat(admin().bearer(before).get("/api/chargers").status()).isEqualTo(200);

        String newPassword = newPassword();
        assertThat(admin().put("/api/users/" + user, Map.of("password", newPassword, "roles", List.of("DRIVER")))
                .status()).isEqualTo(200);
        assertInvalidToken(admin().bearer(before).get("/api/chargers"), "after a new password");
        String after = admin().token(user, newPassword);
        assertThat(admin().bearer(after).get("/api/chargers").status()).isEqualTo(200);

        assertThat(admin().put("/api/users/" + user, Map.of("roles", List.of("DRIVER"), "enabled", false))
                .status()).isEqualTo(200);
        assertInvalidToken(admin().bearer(after).get("/api/chargers"), "disabled");
        assertThat(admin().anonymous().post("/api/auth/token", Map.of("username", user, "password", newPassword))
                .status()).isEqualTo(401);

        assertThat(admin().put("/api/users/" + user, Map.of("roles", List.of("DRIVER"), "enabled", true))
                .status()).isEqualTo(200);
        assertThat(admin().bearer(after).get("/api/chargers").status()).isEqualTo(200);
        assertThat(admin().delete("/api/users/" + user).status()).isEqualTo(204);
        assertInvalidToken(admin().bearer(after).get("/api/chargers"), "deleted");
    }

    @Test
    void aTokenGrantsOnlyTheRolesTheAccountStillHolds() {
        String password = newPassword();
        String user = TestAccounts.create(admin(), newUsername("demo"), password, "AUDITOR", "DRIVER");
        ApiClient bearer = admin().bearerAs(user, password);
        assertThat(bearer.get("/api/admin/projections").status()).isEqualTo(200);

        assertThat(admin().put("/api/users/" + user, Map.of("roles", List.of("DRIVER"))).status()).isEqualTo(200);

        Response demoted = bearer.get("/api/admin/projections");
        assertThat(demoted.status()).as(demoted.body()).isEqualTo(403);
        assertThat(bearer.get("/api/chargers").status()).isEqualTo(200);
        assertThat(bearer.get("/api/auth/me").json().path("roles").toString()).isEqualTo("[\"DRIVER\"]");
    }

    @Test
    void wrongCredentialsAndMissingFieldsGetNoToken() {
        String password = newPassword();
        String user = TestAccounts.create(admin(), newUsername("wrong"), password, "DRIVER");
        ApiClient anonymous = admin().anonymous();

        Response wrong = anonymous.post("/api/auth/token", Map.of("username", user, "password", password + "x"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.json().path("title").asText()).isEqualTo("Invalid credentials");
        assertThat(wrong.body()).doesNotContain("access_token");

        Response unknown = anonymous.post("/api/auth/token", Map.of("username", "nobody-" + UUID.randomUUID(),
                "password", password));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().path("detail").asText()).isEqualTo(wrong.json().path("detail").asText());

        Response missing = anonymous.post("/api/auth/token", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().path("errors").findValuesAsText("field")).containsExactly("username", "password");

        Response notJson = anonymous.post("/api/auth/token", "username=" + user);
        assertThat(notJson.status()).isEqualTo(400);
    }

    @Test
    void withoutCredentialsTheApiAnswers401WithBothChallenges() {
        Response response = admin().anonymous().get("/api/chargers");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.headers("WWW-Authenticate")).anyMatch(value -> value.startsWith("Bearer"))
                .anyMatch(value -> value.startsWith("Basic"));
        Response badBasic = admin().as("admin", ADMIN_PASSWORD + "-wrong").get("/api/chargers");
        assertThat(badBasic.status()).isEqualTo(401);
        assertThat(badBasic.contentType()).startsWith("application/problem+json");
        assertThat(badBasic.json().path("title").asText()).isEqualTo("Invalid credentials");
    }

    private static void assertInvalidToken(Response response, String why) {
        assertThat(response.status()).as(why + ": " + response.body()).isEqualTo(401);
        assertThat(response.contentType()).as(why).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).as(why).startsWith("Bearer")
                .contains("error=\"invalid_token\"");
        assertThat(response.json().path("status").asInt()).isEqualTo(401);
    }

    private static JWTClaimsSet claims(String user, List<String> roles, String stamp, Instant issuedAt,
                                       Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer("chargeledger")
                .subject(user)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", roles)
                .claim("stamp", stamp)
                .build();
    }

    private static String sign(byte[] secret, String keyId, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keyId)
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private String stamp(String user) {
        return jdbc.queryForObject("select security_stamp from user_account where username = ?", String.class, user);
    }

    private StoredKey storedKey() {
        return jdbc.queryForObject("select key_id, algorithm, secret from server_key where name = 'jwt-signing'",
                (row, index) -> new StoredKey(row.getString("key_id"), row.getString("algorithm"),
                        row.getBytes("secret")));
    }

    private record StoredKey(String keyId, String algorithm, byte[] secret) {
    }
}
