package io.chargeledger.api.security;

import static io.chargeledger.api.security.TestAccounts.newPassword;
import static io.chargeledger.api.security.TestAccounts.newUsername;
import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.api.support.ApiClient;
import io.chargeledger.api.support.ApiClient.Response;
import io.chargeledger.api.support.ApiIntegrationTest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Failed sign-ins slow down guessing, through POST /api/auth/token and HTTP Basic alike: after 5 failures for a
 * username (30 from one address) every further attempt, the right password included, is answered 429 with
 * Retry-After until the exponentially growing delay has passed, while other usernames and addresses are unaffected.
 * The test profile trusts X-Forwarded-For from the loopback address, so each test signs in "from" its own address.
 */
class SecurityLoginThrottleTest extends ApiIntegrationTest {

    private static final int MAX_FAILURES = 5;
    private static final int IP_MAX_FAILURES = 30;
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void afterRepeatedFailuresEvenTheRightPasswordWaitsWhileOtherUsersDoNot() throws Exception {
        String password = newPassword();
        String victim = TestAccounts.create(admin(), newUsername("victim"), password, "DRIVER");
        String otherPassword = newPassword();
        String other = TestAccounts.create(admin(), newUsername("other"), otherPassword, "DRIVER");
        ApiClient attacker = admin().anonymous().withHeader("X-Forwarded-For", newAddress());

        for (int i = 0; i < MAX_FAILURES; i++) {
            // failures through the token endpoint and through Basic count together
            Response failed = i % 2 == 0
                    ? token(attacker, victim, "wrong-" + i + "-" + password)
                    : attacker.as(victim, "wrong-" + i + "-" + password).get("/api/chargers");
            assertThat(failed.status()).as("attempt " + i + ": " + failed.body()).isEqualTo(401);
        }
        // counted in the database, where every node sees it
        assertThat(jdbc.queryForObject("select failed_logins from user_account where username = ?", Integer.class,
                victim)).isEqualTo(MAX_FAILURES);

        Response throttled = token(attacker, victim, password);
        assertThrottled(throttled);
        assertThrottled(attacker.as(victim, password).get("/api/chargers"));
        // from anywhere: the count belongs to the username
        ApiClient elsewhere = admin().anonymous().withHeader("X-Forwarded-For", newAddress());
        assertThrottled(token(elsewhere, victim, password));

        // another user from the attacker's address is unaffected
        assertThat(token(attacker, other, otherPassword).status()).isEqualTo(200);
        assertThat(attacker.as(other, otherPassword).get("/api/chargers").status()).isEqualTo(200);

        // once the delay has passed the right password works, and the count starts again
        Thread.sleep(Long.parseLong(throttled.header("Retry-After")) * 1000 + 300);
        Response afterWait = token(attacker, victim, password);
        assertThat(afterWait.status()).as(afterWait.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select failed_logins from user_account where username = ?", Integer.class,
                victim)).isZero();
        assertThat(token(attacker, victim, "wrong-again").status()).isEqualTo(401);
        assertThat(attacker.as(victim, password).get("/api/chargers").status()).isEqualTo(200);
    }

    @Test
    void theDelayGrowsWithEachFurtherFailure() throws Exception {
        String password = newPassword();
        String user = TestAccounts.create(admin(), newUsername("grow"), password, "DRIVER");
        ApiClient client = admin().anonymous().withHeader("X-Forwarded-For", newAddress());
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(token(client, user, "nope-" + i).status()).isEqualTo(401);
        }
        Response first = token(client, user, password);
        assertThrottled(first);
        long firstWait = Long.parseLong(first.header("Retry-After"));

        Thread.sleep(firstWait * 1000 + 300);
        assertThat(token(client, user, "still-wrong").status()).isEqualTo(401);
        Response second = token(client, user, password);
        assertThrottled(second);
        assertThat(Long.parseLong(second.header("Retry-After"))).isGreaterThan(firstWait);
    }

    @Test
    void unknownUsernamesAreThrottledLikeKnownOnes() {
        ApiClient client = admin().anonymous().withHeader("X-Forwarded-For", newAddress());
        String ghost = newUsername("ghost");
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(token(client, ghost, "guess-" + i).status()).isEqualTo(401);
        }
        assertThrottled(token(client, ghost, "guess-" + MAX_FAILURES));
        assertThrottled(client.as(ghost, "guess").get("/api/chargers"));
    }

    @Test
    void manyFailuresFromOneAddressThrottleThatAddressOnly() {
        String password = newPassword();
        String user = TestAccounts.create(admin(), newUsername("nat"), password, "DRIVER");
        ApiClient sprayer = admin().anonymous().withHeader("X-Forwarded-For", newAddress());

        // password spraying: one failure each for many usernames, so no username reaches its own limit
        for (int i = 0; i < IP_MAX_FAILURES; i++) {
            Response failed = token(sprayer, "spray-" + i + "-" + UUID.randomUUID(), password);
            assertThat(failed.status()).as("attempt " + i).isEqualTo(401);
        }

        assertThrottled(token(sprayer, user, password));
        assertThrottled(sprayer.as(user, password).get("/api/chargers"));
        ApiClient elsewhere = admin().anonymous().withHeader("X-Forwarded-For", newAddress());
        assertThat(token(elsewhere, user, password).status()).isEqualTo(200);
        assertThat(elsewhere.as(user, password).get("/api/chargers").status()).isEqualTo(200);
    }

    private static Response token(ApiClient client, String username, String password) {
        return client.post("/api/auth/token", Map.of("username", username, "password", password));
    }

    private static void assertThrottled(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
        assertThat(response.body()).doesNotContain("access_token");
    }

    /** A documentation address (RFC 5737), only ever written into a header: no traffic goes there. */
    private static String newAddress() {
        return "198.51.100." + (1 + ADDRESSES.getAndIncrement() % 254);
    }
}
