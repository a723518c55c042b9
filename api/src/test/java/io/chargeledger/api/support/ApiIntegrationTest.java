package io.chargeledger.api.support;

import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port with an embedded PostgreSQL in a fresh temporary data directory.
 * Every integration test extends this class, so they share one application context and PostgreSQL starts
 * once per test run. The admin password is random per run: no credential lives in the repository.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ApiIntegrationTest {

    protected static final String ADMIN_PASSWORD = UUID.randomUUID().toString();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void applicationProperties(DynamicPropertyRegistry registry) {
        registry.add("chargeledger.admin.password", () -> ADMIN_PASSWORD);
        registry.add("chargeledger.data-dir", () -> "target/test-data/" + ProcessHandle.current().pid());
    }

    protected ApiClient admin() {
        return new ApiClient("http://127.0.0.1:" + port, "admin", ADMIN_PASSWORD);
    }
}
