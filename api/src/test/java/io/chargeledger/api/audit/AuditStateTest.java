package io.chargeledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.TestChargers;
import io.chargeledger.charger.api.MarkConnected;
import io.chargeledger.charger.api.RecordConnectorStatus;
import io.chargeledger.ocpp.sessions.TransactionRegistry;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** GET /api/audit/{chargers|sessions}/{id}/state?at=...: state rebuilt from the events stored up to an instant. */
class AuditStateTest extends ApiIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String KEY = "audit-state-key-0123456789";
    /** Not this server's node id, so crash recovery on this node never touches these test connections. */
    private static final String OTHER_NODE = "audit-other-node";

    @Autowired
    CommandGateway commandGateway;
    @Autowired
    TransactionRegistry transactions;

    private RawHttp http() {
        return new RawHttp(port, "admin", ADMIN_PASSWORD);
    }

    private JsonNode events(String path) throws Exception {
        HttpResponse<String> response = http().get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("content");
    }

    private JsonNode stateAt(String path, Instant at) throws Exception {
        HttpResponse<String> response = http().get(path + "?at=" + at);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Instant timestamp(JsonNode event) {
        return Instant.parse(event.path("timestamp").asText());
    }

    @Test
    void aChargersStateIsRebuiltAsOfEachMomentOfItsHistory() throws Exception {
        String id = TestChargers.uniqueId("STATE");
        assertThat(admin().post("/api/chargers", TestChargers.versiCharge(id, KEY)).status()).isEqualTo(201);
        commandGateway.sendAndWait(new MarkConnected(id, "conn-1", OTHER_NODE, "10.1.2.3", "ocpp1.6", 1));
        commandGateway.sendAndWait(new RecordConnectorStatus(id, 1, "Charging", "NoError", null, null, null,
                Instant.parse("2025-03-14T08:00:00Z")));
        Map<String, Object> update = TestChargers.versiCharge(id, null);
        update.remove("authorizationKey");
        update.put("vendor", "ABB");
        assertThat(admin().put("/api/chargers/" + id, update).status()).isEqualTo(200);
        assertThat(admin().delete("/api/chargers/" + id).status()).isEqualTo(204);

        JsonNode events = events("/api/audit/chargers/" + id + "/events");
        assertThat(events.findValuesAsText("type")).containsExactly("ChargerRegistered", "ChargerConnected",
                "ConnectorStatusChanged", "ChargerDetailsUpdated", "ChargerDisconnected", "ChargerDecommissioned");
        String path = "/api/audit/chargers/" + id + "/state";

        JsonNode registered = stateAt(path, timestamp(events.get(0)));
        assertThat(registered.path("id").asText()).isEqualTo(id);
        assertThat(registered.path("eventsApplied").asLong()).isEqualTo(1);
        assertThat(registered.path("lastSequenceNumber").asLong()).isZero();
        assertThat(registered.path("lastEventTimestamp").asText()).isEqualTo(events.get(0).path("timestamp").asText());
        JsonNode state = registered.path("state");
        assertThat(state.path("registered").asBoolean()).isTrue();
        assertThat(state.path("registeredAt").asText()).isEqualTo(events.get(0).path("timestamp").asText());
        assertThat(state.path("details").path("vendor").asText()).isEqualTo("Siemens");
        assertThat(state.path("details").path("pricing").path("pricePerKwh").decimalValue()).isEqualByComparingTo("0.30");
        assertThat(state.path("hasAuthorizationKey").asBoolean()).isTrue();
        assertThat(state.path("registrationStatus").asText()).isEqualTo("NEVER_BOOTED");
        assertThat(state.path("connected").asBoolean()).isFalse();
        assertThat(state.path("decommissioned").asBoolean()).isFalse();
        assertThat(state.has("authorizationKeyHash")).isFalse();

        JsonNode connected = stateAt(path, timestamp(events.get(1))).path("state");
        assertThat(connected.path("connected").asBoolean()).isTrue();
        assertThat(connected.path("connectionId").asText()).isEqualTo("conn-1");
        assertThat(connected.path("nodeId").asText()).isEqualTo(OTHER_NODE);
        assertThat(connected.path("remoteAddress").asText()).isEqualTo("10.1.2.3");
        assertThat(connected.path("connectors")).isEmpty();

        JsonNode charging = stateAt(path, timestamp(events.get(2)));
        assertThat(charging.path("eventsApplied").asLong()).isEqualTo(3);
        assertThat(charging.path("state").path("connectors").get(0).path("connectorId").asInt()).isEqualTo(1);
        assertThat(charging.path("state").path("connectors").get(0).path("status").asText()).isEqualTo("Charging");
        assertThat(charging.path("state").path("details").path("vendor").asText()).isEqualTo("Siemens");

        JsonNode updated = stateAt(path, timestamp(events.get(3))).path("state");
        assertThat(updated.path("details").path("vendor").asText()).isEqualTo("ABB");
        assertThat(updated.path("hasAuthorizationKey").asBoolean()).isTrue();
        assertThat(updated.path("connected").asBoolean()).isTrue();

        JsonNode now = stateAt(path, Instant.now().plusSeconds(60));
        assertThat(now.path("eventsApplied").asLong()).isEqualTo(6);
        assertThat(now.path("lastSequenceNumber").asLong()).isEqualTo(5);
        assertThat(now.path("state").path("connected").asBoolean()).isFalse();
        assertThat(now.path("state").path("lastDisconnectReason").asText()).isEqualTo("Charger decommissioned");
        assertThat(now.path("state").path("decommissioned").asBoolean()).isTrue();
        assertThat(now.path("state").path("decommissionReason").asText()).isEqualTo("Decommissioned through the API");
        assertThat(now.toString()).doesNotContain("pbkdf2").doesNotContain("authorizationKeyHash");
    }

    @Test
    void beforeItExistedOrNeverAChargerIs404() throws Exception {
        String id = TestChargers.uniqueId("STATE");
        assertThat(admin().post("/api/chargers", TestChargers.versiCharge(id, KEY)).status()).isEqualTo(201);
        Instant registeredAt = timestamp(events("/api/audit/chargers/" + id + "/events").get(0));

        HttpResponse<String> before = http().get("/api/audit/chargers/" + id + "/state?at=" + registeredAt.minusNanos(1000));
        assertThat(before.statusCode()).isEqualTo(404);
        assertThat(before.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(http().get("/api/audit/chargers/" + TestChargers.uniqueId("NONE") + "/state?at=" + Instant.now())
                .statusCode()).isEqualTo(404);
        assertThat(http().get("/api/audit/sessions/" + id + "/state?at=" + Instant.now()).statusCode()).isEqualTo(404);
    }

    @Test
    void atIsRequiredAndMustBeAnIsoInstant() throws Exception {
        String id = TestChargers.uniqueId("STATE");
        assertThat(admin().post("/api/chargers", TestChargers.versiCharge(id, KEY)).status()).isEqualTo(201);
        String path = "/api/audit/chargers/" + id + "/state";

        for (String query : new String[] {"", "?at=", "?at=yesterday", "?at=2025-03-14", "?at=2025-03-14T08:00:00"}) {
            HttpResponse<String> response = http().get(path + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("errors").get(0).path("field").asText()).isEqualTo("at");
        }
        // an offset is accepted, encoded or (as '+' turns into a space in a query) not
        Instant later = Instant.now().plusSeconds(3600);
        String withOffset = later.atOffset(ZoneOffset.ofHours(2)).toString();
        assertThat(http().get(path + "?at=" + URLEncoder.encode(withOffset, StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(200);
        HttpResponse<String> raw = http().get(path + "?at=" + withOffset);
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        assertThat(Instant.parse(JSON.readTree(raw.body()).path("at").asText())).isEqualTo(later);
    }

    @Test
    void aSessionsStateShowsProvisionalThenBilledTotals() throws Exception {
        Instant t0 = Instant.parse("2025-03-14T08:00:00Z");
        String sessionId = AuditTestData.startSession(commandGateway, transactions, TestChargers.uniqueId("STS"),
                1_000, t0);
        AuditTestData.meterValues(commandGateway, sessionId, t0.plusSeconds(600), "5000");
        AuditTestData.stopSession(commandGateway, sessionId, 9_000, t0.plusSeconds(3600));
        JsonNode events = events("/api/audit/sessions/" + sessionId + "/events");
        String path = "/api/audit/sessions/" + sessionId + "/state";

        JsonNode started = stateAt(path, timestamp(events.get(0)));
        assertThat(started.path("eventsApplied").asLong()).isEqualTo(1);
        JsonNode state = started.path("state");
        assertThat(state.path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(state.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(state.path("connectorId").asInt()).isEqualTo(1);
        assertThat(state.path("idTag").asText()).isEqualTo("TAG-AUDIT");
        assertThat(state.path("startedAt").asText()).isEqualTo("2025-03-14T08:00:00Z");
        assertThat(state.path("meterStartWh").asLong()).isEqualTo(1_000);
        assertThat(state.path("energyWh").asLong()).isZero();
        assertThat(state.path("cost").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(state.path("tariff").path("pricePerKwh").decimalValue()).isEqualByComparingTo("0.30");

        JsonNode metered = stateAt(path, timestamp(events.get(1))).path("state");
        assertThat(metered.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(metered.path("lastRegisterWh").decimalValue()).isEqualByComparingTo("5000");
        assertThat(metered.path("meterSampleCount").asInt()).isEqualTo(1);
        assertThat(metered.path("energyWh").asLong()).isEqualTo(4_000);
        assertThat(metered.path("cost").decimalValue()).isEqualByComparingTo("2.20");

        JsonNode stopped = stateAt(path, timestamp(events.get(2)));
        assertThat(stopped.path("lastSequenceNumber").asLong()).isEqualTo(2);
        assertThat(stopped.path("state").path("status").asText()).isEqualTo("STOPPED");
        assertThat(stopped.path("state").path("meterStopWh").asLong()).isEqualTo(9_000);
        assertThat(stopped.path("state").path("energyWh").asLong()).isEqualTo(8_000);
        assertThat(stopped.path("state").path("cost").decimalValue()).isEqualByComparingTo("3.40");
        assertThat(stopped.path("state").path("currency").asText()).isEqualTo("EUR");
        assertThat(stopped.path("state").path("stoppedAt").asText()).isEqualTo("2025-03-14T09:00:00Z");

        assertThat(http().get(path + "?at=" + timestamp(events.get(0)).minusMillis(1)).statusCode()).isEqualTo(404);
    }
}
