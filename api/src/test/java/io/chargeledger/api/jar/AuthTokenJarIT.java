package io.chargeledger.api.jar;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.api.support.ApiClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The token signing key is generated on the first start and kept in PostgreSQL: a token issued before a restart of
 * the packaged server is still accepted after it, and neither the key nor the token appears in the log.
 */
class AuthTokenJarIT {

    @Test
    void aTokenIssuedBeforeARestartIsAcceptedAfterIt() throws Exception {
        try (RunningJar server = new RunningJar(RunningJar.freshDataDir("tokens"), UUID.randomUUID().toString())) {
            server.start();
            ApiClient admin = server.client();
            String driverPassword = "pw-" + UUID.randomUUID();
            assertThat(admin.post("/api/users", Map.of("username", "driver-1", "password", driverPassword,
                    "roles", List.of("DRIVER"))).status()).isEqualTo(201);
            String adminToken = admin.token("admin", server.adminPassword());
            String driverToken = admin.token("driver-1", driverPassword);
            assertThat(admin.bearer(adminToken).get("/api/users").status()).isEqualTo(200);

            server.stop();
            server.start();

            ApiClient adminByToken = admin.bearer(adminToken);
            assertThat(adminByToken.get("/api/users").status()).isEqualTo(200);
            assertThat(adminByToken.get("/api/auth/me").json().path("username").asText()).isEqualTo("admin");
            ApiClient driverByToken = admin.bearer(driverToken);
            assertThat(driverByToken.get("/api/chargers").status()).isEqualTo(200);
            assertThat(driverByToken.get("/api/users").status()).isEqualTo(403);
            assertThat(admin.bearer(adminToken + "x").get("/api/users").status()).isEqualTo(401);
            // Basic keeps working beside tokens
            assertThat(admin.get("/api/users").status()).isEqualTo(200);

            String log = server.logText();
            assertThat(log).doesNotContain(adminToken).doesNotContain(driverToken).doesNotContain(driverPassword);
        }
    }

}
