package io.chargeledger.api.security;

import static io.chargeledger.api.security.TestAccounts.newPassword;
import static io.chargeledger.api.security.TestAccounts.newUsername;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.api.support.ApiClient.Response;
import io.chargeledger.api.support.ApiIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * /api/users over real HTTP: creating, listing, changing and deleting accounts; validation naming every field; the
 * password stored only as a bcrypt hash and never returned; and the last enabled ADMIN protected (409).
 */
class UserAccountApiTest extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void anAdminCreatesReadsAndListsAccountsWithoutEverSeeingAPassword() {
        String username = newUsername("carol");
        String password = newPassword();

        Response created = admin().post("/api/users",
                Map.of("username", username, "password", password, "roles", List.of("driver", "AUDITOR", "DRIVER")));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/users/" + username);
        JsonNode body = created.json();
        assertThat(body.path("username").asText()).isEqualTo(username);
        assertThat(body.path("roles").toString()).isEqualTo("[\"AUDITOR\",\"DRIVER\"]");
        assertThat(body.path("enabled").asBoolean()).isTrue();
        assertThat(body.has("createdAt")).isTrue();
        assertNoPassword(created, password);

        Response one = admin().get("/api/users/" + username);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json()).isEqualTo(body);
        assertNoPassword(one, password);

        Response list = admin().get("/api/users?size=500");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("content").findValuesAsText("username")).contains("admin", username);
        assertNoPassword(list, password);
        assertThat(admin().get("/api/users?size=0").status()).isEqualTo(400);

        assertThat(admin().as(username, password).get("/api/sessions").status()).isEqualTo(200);
        assertThat(admin().get("/api/users/no-such-user").status()).isEqualTo(404);
        Response duplicate = admin().post("/api/users",
                Map.of("username", username, "password", newPassword(), "roles", List.of("DRIVER")));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
    }

    @Test
    void passwordsAreStoredOnlyAsBcryptHashes() {
        String username = newUsername("hash");
        String password = newPassword();
        TestAccounts.create(admin(), username, password, "DRIVER");

        Map<String, Object> row = jdbc.queryForMap("select * from user_account where username = ?", username);
        String hash = (String) row.get("password_hash");
        assertThat(hash).startsWith("{bcrypt}$2");
        assertThat(passwordEncoder.matches(password, hash)).isTrue();
        for (Object column : row.values()) {
            assertThat(String.valueOf(column)).doesNotContain(password);
        }
        String adminHash = jdbc.queryForObject("select password_hash from user_account where username = 'admin'",
                String.class);
        assertThat(adminHash).startsWith("{bcrypt}$2").doesNotContain(ADMIN_PASSWORD);

        String newPassword = newPassword();
        assertThat(admin().put("/api/users/" + username, Map.of("password", newPassword, "roles", List.of("DRIVER")))
                .status()).isEqualTo(200);
        String changed = jdbc.queryForObject("select password_hash from user_account where username = ?",
                String.class, username);
        assertThat(changed).startsWith("{bcrypt}$2").isNotEqualTo(hash).doesNotContain(newPassword);
        assertThat(admin().as(username, newPassword).get("/api/auth/me").status()).isEqualTo(200);
        assertThat(admin().as(username, password).get("/api/auth/me").status()).isEqualTo(401);
    }

    @Test
    void invalidAccountsAreRefusedNamingEveryField() {
        Response invalid = admin().post("/api/users",
                Map.of("username", "Not Valid!", "password", "short", "roles", List.of("DRIVER", "SUPERUSER")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(fields(invalid)).containsExactly("username", "password", "roles[1]");

        Response empty = admin().post("/api/users", Map.of());
        assertThat(fields(empty)).containsExactly("username", "password", "roles");

        Response tooLong = admin().post("/api/users",
                Map.of("username", newUsername("long"), "password", "x".repeat(73), "roles", List.of("DRIVER")));
        assertThat(fields(tooLong)).containsExactly("password");

        Response noRoles = admin().post("/api/users",
                Map.of("username", newUsername("noroles"), "password", newPassword(), "roles", List.of()));
        assertThat(fields(noRoles)).containsExactly("roles");

        Response wrongType = admin().post("/api/users",
                Map.of("username", newUsername("type"), "password", newPassword(), "roles", "DRIVER"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(fields(wrongType)).containsExactly("roles");

        String username = TestAccounts.create(admin(), newUsername("dave"), newPassword(), "DRIVER");
        Response renamed = admin().put("/api/users/" + username, Map.of("username", "someone-else",
                "roles", List.of("DRIVER")));
        assertThat(fields(renamed)).containsExactly("username");
        Response noRolesOnPut = admin().put("/api/users/" + username, Map.of("password", "short"));
        assertThat(fields(noRolesOnPut)).containsExactly("password", "roles");
        assertThat(admin().put("/api/users/no-such-user", Map.of("roles", List.of("DRIVER"))).status())
                .isEqualTo(404);
    }

    @Test
    void anAdminChangesRolesKeepsThePasswordAndDeletesAccounts() {
        String password = newPassword();
        String username = TestAccounts.create(admin(), newUsername("erin"), password, "DRIVER");
        assertThat(admin().as(username, password).get("/api/admin/projections").status()).isEqualTo(403);

        Response promoted = admin().put("/api/users/" + username, Map.of("roles", List.of("AUDITOR")));
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(promoted.json().path("roles").toString()).isEqualTo("[\"AUDITOR\"]");
        // the password was left out, so it is kept
        assertThat(admin().as(username, password).get("/api/admin/projections").status()).isEqualTo(200);

        Response disabled = admin().put("/api/users/" + username, Map.of("roles", List.of("AUDITOR"),
                "enabled", false));
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        assertThat(admin().as(username, password).get("/api/chargers").status()).isEqualTo(401);
        // enabled left out keeps it disabled
        assertThat(admin().put("/api/users/" + username, Map.of("roles", List.of("DRIVER"))).json()
                .path("enabled").asBoolean()).isFalse();

        assertThat(admin().delete("/api/users/" + username).status()).isEqualTo(204);
        assertThat(admin().get("/api/users/" + username).status()).isEqualTo(404);
        assertThat(admin().delete("/api/users/" + username).status()).isEqualTo(404);
    }

    @Test
    void theLastEnabledAdminCannotBeDeletedDemotedOrDisabled() {
        List<String> admins = new ArrayList<>();
        admin().get("/api/users?size=500").json().path("content").forEach(user -> {
            if (user.path("enabled").asBoolean() && user.path("roles").toString().contains("ADMIN")) {
                admins.add(user.path("username").asText());
            }
        });
        assertThat(admins).as("other tests leave no extra admin behind").containsExactly("admin");

        Response delete = admin().delete("/api/users/admin");
        assertThat(delete.status()).as(delete.body()).isEqualTo(409);
        assertThat(delete.contentType()).startsWith("application/problem+json");
        assertThat(delete.json().path("title").asText()).isEqualTo("Last administrator");
        assertThat(admin().put("/api/users/admin", Map.of("roles", List.of("AUDITOR"))).status()).isEqualTo(409);
        assertThat(admin().put("/api/users/admin", Map.of("roles", List.of("ADMIN"), "enabled", false)).status())
                .isEqualTo(409);
        assertThat(admin().get("/api/users/admin").json().path("roles").toString()).isEqualTo("[\"ADMIN\"]");
        assertThat(admin().get("/api/chargers").status()).isEqualTo(200);

        // with a second admin, either may be demoted or removed, but never both
        String secondPassword = newPassword();
        String second = TestAccounts.create(admin(), newUsername("boss"), secondPassword, "ADMIN");
        try {
            assertThat(admin().put("/api/users/" + second, Map.of("roles", List.of("ADMIN", "AUDITOR"), "enabled", false))
                    .status()).isEqualTo(200);
            // a disabled admin does not count: admin is the last enabled one again
            assertThat(admin().delete("/api/users/admin").status()).isEqualTo(409);
            assertThat(admin().put("/api/users/" + second, Map.of("roles", List.of("ADMIN"), "enabled", true))
                    .status()).isEqualTo(200);
            assertThat(admin().as(second, secondPassword).put("/api/users/" + second,
                    Map.of("roles", List.of("AUDITOR"))).status()).isEqualTo(200);
            assertThat(admin().as(second, secondPassword).get("/api/users").status()).isEqualTo(403);
        } finally {
            assertThat(admin().delete("/api/users/" + second).status()).isEqualTo(204);
        }
    }

    private static void assertNoPassword(Response response, String password) {
        assertThat(response.body()).doesNotContain(password).doesNotContain("password").doesNotContain("bcrypt")
                .doesNotContain("$2a$");
    }

    private static List<String> fields(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json().path("errors").findValuesAsText("field");
    }

}
