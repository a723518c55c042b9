package io.chargeledger.api.jar;

import static io.chargeledger.api.support.TestChargers.versiCharge;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.api.support.ApiClient;
import io.chargeledger.api.support.OcppTestClient;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** OCPP set-ups that need their own server configuration: TLS (security profile 2) and auto-registration. */
class OcppJarIT {

    private static final String KEY = "profile-two-key-0123456789";

    @Test
    void securityProfileTwoConnectsOverTlsWithItsKey() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(RunningJar.freshDataDir("tls-cert"));
        try (RunningJar server = new RunningJar(RunningJar.freshDataDir("tls"), UUID.randomUUID().toString())
                .tls(certificate.clientContext())) {
            server.start(certificate.serverArguments());
            ApiClient api = server.client();
            Map<String, Object> body = versiCharge("TLS-1", KEY);
            body.put("securityProfile", 2);
            assertThat(api.post("/api/chargers", body).status()).isEqualTo(201);

            OcppTestClient.Builder withKey = OcppTestClient.to(server.ocppUrl("TLS-1")).ssl(certificate.clientContext())
                    .basicAuth("TLS-1", KEY);
            try (OcppTestClient charger = withKey.connect()) {
                assertThat(charger.boot().path("status").asText()).isEqualTo("Accepted");
            }
            assertThat(OcppTestClient.handshakeStatus(OcppTestClient.to(server.ocppUrl("TLS-1"))
                    .ssl(certificate.clientContext()))).isEqualTo(401);
            assertThat(OcppTestClient.handshakeStatus(OcppTestClient.to(server.ocppUrl("TLS-1"))
                    .ssl(certificate.clientContext()).basicAuth("TLS-1", "not-the-key-0123456789"))).isEqualTo(401);
        }
    }

    @Test
    void unknownChargersAreRegisteredPendingUntilAnAdminAcceptsThem() throws Exception {
        try (RunningJar server = new RunningJar(RunningJar.freshDataDir("autoreg"), UUID.randomUUID().toString())) {
            server.start("--chargeledger.ocpp.auto-register-unknown=true", "--chargeledger.ocpp.pending-retry-interval=45s");
            ApiClient api = server.client();
            try (OcppTestClient charger = OcppTestClient.to(server.ocppUrl("NEW-CP-1")).connect()) {
                JsonNode boot = charger.boot();
                assertThat(boot.path("status").asText()).isEqualTo("Pending");
                assertThat(boot.path("interval").asInt()).isEqualTo(45);
                JsonNode heartbeat = charger.call("Heartbeat", OcppTestClient.json("{}"));
                assertThat(heartbeat.get(0).asInt()).isEqualTo(4);
                assertThat(heartbeat.get(2).asText()).isEqualTo("SecurityError");
            }
            // the charger list is a read model: it shows the boot a moment after it was stored
            JsonNode pending = awaitCharger(api, "NEW-CP-1", view -> view.path("pendingApproval").asBoolean());
            assertThat(pending.path("pendingApproval").asBoolean()).isTrue();
            assertThat(pending.path("vendor").asText()).isEqualTo("ChargeLedger");

            assertThat(api.post("/api/chargers/NEW-CP-1/accept", "").status()).isEqualTo(200);
            try (OcppTestClient charger = OcppTestClient.to(server.ocppUrl("NEW-CP-1")).connect()) {
                assertThat(charger.boot().path("status").asText()).isEqualTo("Accepted");
                assertThat(charger.callOk("Heartbeat", OcppTestClient.json("{}")).has("currentTime")).isTrue();
            }
            assertThat(awaitCharger(api, "NEW-CP-1", view -> !view.path("pendingApproval").asBoolean(true))
                    .path("pendingApproval").asBoolean()).isFalse();
        }
    }

    /** The charger's view once it satisfies the condition, or as it is after 10 s. */
    private static JsonNode awaitCharger(ApiClient api, String chargePointId, Predicate<JsonNode> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode view = api.get("/api/chargers/" + chargePointId).json();
        while (!condition.test(view) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            view = api.get("/api/chargers/" + chargePointId).json();
        }
        return view;
    }
}
