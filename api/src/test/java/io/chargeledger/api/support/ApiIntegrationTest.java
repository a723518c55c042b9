package io.chargeledger.api.support;

import io.chargeledger.ChargeLedgerApplication;
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

    static {
        // the process settings main() applies: no phoning home, the small per-connection WebSocket buffers
        ChargeLedgerApplication.applyProcessDefaults();
    }

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

    protected String ocppUrl(String chargePointId) {
        return "ws://127.0.0.1:" + port + "/ocpp/" + chargePointId;
    }

    /** Registers a charger of security profile 1 with this key through the API; returns its id. */
    protected String registerCharger(String prefix, String authorizationKey) {
        String id = TestChargers.uniqueId(prefix);
        ApiClient.Response created = admin().post("/api/chargers", TestChargers.versiCharge(id, authorizationKey));
        if (created.status() != 201) {
            throw new AssertionError("Registration failed: " + created.body());
        }
        return id;
    }

    /** A connected, booted (Accepted) test charge point of profile 1. */
    protected OcppTestClient connectBooted(String chargePointId, String authorizationKey) {
        OcppTestClient client = OcppTestClient.to(ocppUrl(chargePointId)).basicAuth(chargePointId, authorizationKey).connect();
        client.boot();
        return client;
    }

    /** Polls until the condition holds (read models are eventually consistent), failing after 10 s. */
    protected static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
