package io.chargeledger.api.security;

import static io.chargeledger.api.security.TestAccounts.newPassword;
import static io.chargeledger.api.security.TestAccounts.newUsername;
import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.api.support.ApiClient;
import io.chargeledger.api.support.ApiClient.Response;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.ocpp.sessions.TransactionRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The role matrix, endpoint group by endpoint group, over real HTTP: without credentials (and with a garbage token)
 * 401; for each role, with HTTP Basic and with a Bearer token alike, a role the rules allow gets past security (any
 * answer but 401/403: 200, or 400/404 for the deliberately harmless bodies and ids used for writes) and any other
 * role gets 403 problem+json. Paths name the driver's own tag and session, so a driver is allowed there.
 */
class RoleMatrixTest extends ApiIntegrationTest {

    private static final Set<String> EVERY_ROLE = Set.of("ADMIN", "AUDITOR", "DRIVER");
    private static final Set<String> READERS = Set.of("ADMIN", "AUDITOR");
    private static final Set<String> ADMIN = Set.of("ADMIN");
    private static final Set<String> ADMIN_AND_DRIVER = Set.of("ADMIN", "DRIVER");
    /** Open to anyone, credentials or not. */
    private static final Set<String> PUBLIC = Set.of("ADMIN", "AUDITOR", "DRIVER", "ANONYMOUS");

    private static Fixture fixture;

    @Autowired
    CommandGateway commands;
    @Autowired
    TransactionRegistry transactions;

    record Endpoint(String group, String method, String path, Object body, Set<String> allowed) {
        @Override
        public String toString() {
            return group + ": " + method + " " + path + " -> " + (allowed == PUBLIC ? "public" : allowed.stream().sorted().toList());
        }
    }

    record Fixture(String chargePointId, String driverTag, String driverSession, Map<String, List<ApiClient>> clients) {
    }

    static Stream<Endpoint> endpoints() {
        Map<String, Object> none = Map.of();
        return Stream.of(
                new Endpoint("chargers", "GET", "/api/chargers", null, EVERY_ROLE),
                new Endpoint("chargers", "GET", "/api/chargers/{cp}", null, EVERY_ROLE),
                new Endpoint("chargers", "POST", "/api/chargers", none, ADMIN),
                new Endpoint("chargers", "PUT", "/api/chargers/{cp}", none, ADMIN),
                new Endpoint("chargers", "DELETE", "/api/chargers/NO-SUCH-CHARGER", null, ADMIN),
                new Endpoint("operations", "POST", "/api/chargers/NO-SUCH-CHARGER/operations/Reset",
                        Map.of("type", "Soft"), ADMIN),
                new Endpoint("operations", "POST", "/api/chargers/NO-SUCH-CHARGER/accept", null, ADMIN),
                new Endpoint("id-tags", "GET", "/api/id-tags", null, EVERY_ROLE),
                new Endpoint("id-tags", "GET", "/api/id-tags/{tag}", null, EVERY_ROLE),
                new Endpoint("id-tags", "POST", "/api/id-tags", none, ADMIN),
                new Endpoint("id-tags", "PUT", "/api/id-tags/NO-SUCH-TAG", Map.of("status", "Accepted"), ADMIN),
                new Endpoint("id-tags", "DELETE", "/api/id-tags/NO-SUCH-TAG", null, ADMIN),
                new Endpoint("id-tags", "POST", "/api/id-tags/NO-SUCH-TAG/block", null, ADMIN),
                new Endpoint("id-tags", "POST", "/api/id-tags/NO-SUCH-TAG/unblock", null, ADMIN),
                new Endpoint("sessions", "GET", "/api/sessions", null, EVERY_ROLE),
                new Endpoint("sessions", "GET", "/api/sessions/{session}", null, EVERY_ROLE),
                new Endpoint("sessions", "GET", "/api/sessions/{session}/meter-values", null, EVERY_ROLE),
                new Endpoint("sessions", "POST", "/api/sessions", none, ADMIN_AND_DRIVER),
                new Endpoint("sessions", "POST", "/api/sessions/" + UUID.randomUUID() + "/stop", null,
                        ADMIN_AND_DRIVER),
                new Endpoint("audit", "GET", "/api/audit/chargers/{cp}/events", null, READERS),
                new Endpoint("audit", "GET", "/api/audit/sessions/{session}/events", null, READERS),
                new Endpoint("audit", "GET", "/api/audit/chargers/{cp}/state", null, READERS),
                new Endpoint("audit", "GET", "/api/audit/sessions/{session}/state", null, READERS),
                new Endpoint("admin", "GET", "/api/admin/projections", null, READERS),
                new Endpoint("admin", "POST", "/api/admin/projections/no-such-projection/replay", null, ADMIN),
                new Endpoint("users", "GET", "/api/users", null, ADMIN),
                new Endpoint("users", "GET", "/api/users/admin", null, ADMIN),
                new Endpoint("users", "POST", "/api/users", none, ADMIN),
                new Endpoint("users", "PUT", "/api/users/no-such-user", Map.of("roles", List.of("DRIVER")), ADMIN),
                new Endpoint("users", "DELETE", "/api/users/no-such-user", null, ADMIN),
                new Endpoint("auth", "GET", "/api/auth/me", null, EVERY_ROLE),
                new Endpoint("actuator", "GET", "/actuator/metrics", null, ADMIN),
                new Endpoint("actuator", "GET", "/actuator/prometheus", null, ADMIN),
                new Endpoint("actuator", "GET", "/actuator/health", null, PUBLIC));
    }

    @BeforeEach
    void fixture() {
        if (fixture != null) {
            return;
        }
        String cp = registerCharger("MATRIX", "matrix-key-0123456789");
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put("AUDITOR", newPassword());
        passwords.put("DRIVER", newPassword());
        String auditor = TestAccounts.create(admin(), newUsername("auditor"), passwords.get("AUDITOR"), "AUDITOR");
        String driver = TestAccounts.create(admin(), newUsername("driver"), passwords.get("DRIVER"), "DRIVER");

        DriverFixtures drivers = new DriverFixtures(commands, transactions);
        String tag = drivers.tag(DriverFixtures.newTag("MX"), driver);
        String session = drivers.startSession(cp, 1, tag, Instant.now());
        eventually(() -> assertThat(admin().get("/api/sessions/" + session).status()).isEqualTo(200));
        eventually(() -> assertThat(admin().get("/api/id-tags/" + tag).json().path("owner").asText())
                .isEqualTo(driver));

        Map<String, List<ApiClient>> clients = new LinkedHashMap<>();
        clients.put("ADMIN", List.of(admin(), admin().bearerAs("admin", ADMIN_PASSWORD)));
        clients.put("AUDITOR", List.of(admin().as(auditor, passwords.get("AUDITOR")),
                admin().bearerAs(auditor, passwords.get("AUDITOR"))));
        clients.put("DRIVER", List.of(admin().as(driver, passwords.get("DRIVER")),
                admin().bearerAs(driver, passwords.get("DRIVER"))));
        fixture = new Fixture(cp, tag, session, clients);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void eachRoleGetsExactlyWhatTheMatrixAllows(Endpoint endpoint) {
        String path = endpoint.path().replace("{cp}", fixture.chargePointId())
                .replace("{tag}", fixture.driverTag()).replace("{session}", fixture.driverSession());
        SoftAssertions soft = new SoftAssertions();

        Response anonymous = send(admin().anonymous(), endpoint, path);
        if (endpoint.allowed().contains("ANONYMOUS")) {
            soft.assertThat(anonymous.status()).as("anonymous").isNotIn(401, 403);
        } else {
            soft.assertThat(anonymous.status()).as("anonymous: " + anonymous.body()).isEqualTo(401);
            soft.assertThat(anonymous.contentType()).as("anonymous").startsWith("application/problem+json");
            soft.assertThat(anonymous.header("WWW-Authenticate")).as("anonymous").isNotNull();
            Response garbage = send(admin().bearer("garbage." + UUID.randomUUID() + ".token"), endpoint, path);
            soft.assertThat(garbage.status()).as("garbage token").isEqualTo(401);
            soft.assertThat(garbage.header("WWW-Authenticate")).as("garbage token").contains("invalid_token");
        }

        fixture.clients().forEach((role, clients) -> {
            for (int i = 0; i < clients.size(); i++) {
                String how = role + (i == 0 ? " with Basic" : " with Bearer");
                Response response = send(clients.get(i), endpoint, path);
                if (endpoint.allowed().contains(role)) {
                    soft.assertThat(response.status()).as(how + ": " + response.body()).isNotIn(401, 403, 500);
                } else {
                    soft.assertThat(response.status()).as(how + ": " + response.body()).isEqualTo(403);
                    soft.assertThat(response.contentType()).as(how).startsWith("application/problem+json");
                }
            }
        });
        soft.assertAll();
    }

    private static Response send(ApiClient client, Endpoint endpoint, String path) {
        return switch (endpoint.method()) {
            case "GET" -> client.get(path);
            case "POST" -> client.post(path, endpoint.body() == null ? "" : endpoint.body());
            case "PUT" -> client.put(path, endpoint.body());
            case "DELETE" -> client.delete(path);
            default -> throw new IllegalArgumentException(endpoint.method());
        };
    }
}
