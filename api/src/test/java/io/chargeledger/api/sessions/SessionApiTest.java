package io.chargeledger.api.sessions;

import static io.chargeledger.api.sessions.SessionCommands.EUR_030_PLUS_FEE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.api.support.ApiClient.Response;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.OcppTestClient;
import io.chargeledger.api.support.TestChargers;
import io.chargeledger.ocpp.sessions.TransactionRegistry;
import io.chargeledger.session.api.RequestRemoteStart;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Session REST over real HTTP: every refusal of a remote start or stop, and the history's parameter checks. */
class SessionApiTest extends ApiIntegrationTest {

    private static final String KEY = "session-api-key-0123456789";

    @Autowired
    CommandGateway commandGateway;
    @Autowired
    TransactionRegistry transactions;
    @Autowired
    EventStore eventStore;

    SessionCommands sessions;

    @BeforeEach
    void commands() {
        sessions = new SessionCommands(commandGateway, transactions);
    }

    private String tag(String status, String expiryDate) {
        String idTag = "S" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idTag", idTag);
        body.put("status", status);
        body.put("expiryDate", expiryDate);
        Response created = admin().post("/api/id-tags", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return idTag;
    }

    private static Map<String, Object> start(String chargePointId, Integer connectorId, String idTag) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chargePointId", chargePointId);
        body.put("connectorId", connectorId);
        body.put("idTag", idTag);
        return body;
    }

    @Test
    void aRemoteStartIsAcceptedStoredAndSentToTheCharger() {
        String cp = registerCharger("RST", KEY);
        String idTag = tag("Accepted", null);
        try (OcppTestClient charger = connectBooted(cp, KEY)) {
            Instant before = Instant.now();
            Response accepted = admin().post("/api/sessions", start(cp, 2, idTag.toLowerCase()));

            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            JsonNode body = accepted.json();
            String sessionId = body.path("sessionId").asText();
            assertThat(UUID.fromString(sessionId).toString()).isEqualTo(sessionId);
            assertThat(UUID.fromString(sessionId).version()).isEqualTo(7);
            assertThat(accepted.header("Location")).isEqualTo("/api/sessions/" + sessionId);
            assertThat(body.path("status").asText()).isEqualTo("PENDING_REMOTE_START");
            assertThat(body.path("chargePointId").asText()).isEqualTo(cp);
            assertThat(body.path("connectorId").asInt()).isEqualTo(2);
            assertThat(body.path("idTag").asText()).isEqualTo(idTag);
            assertThat(body.path("requestedBy").asText()).isEqualTo("admin");
            Instant expiresAt = Instant.parse(body.path("remoteStartExpiresAt").asText());
            assertThat(Duration.between(before, expiresAt)).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(61));

            JsonNode call = charger.expectCall("RemoteStartTransaction");
            assertThat(call.get(3).path("connectorId").asInt()).isEqualTo(2);
            assertThat(call.get(3).path("idTag").asText()).isEqualTo(idTag);
            assertThat(admin().get("/api/sessions/" + sessionId).json().path("status").asText())
                    .isEqualTo("PENDING_REMOTE_START");
        }
    }

    @Test
    void aRemoteStartNamesEveryInvalidField() {
        assertThat(fields(admin().post("/api/sessions", Map.of()))).containsExactlyInAnyOrder("chargePointId", "idTag");
        String cp = registerCharger("RSV", KEY);
        assertThat(fields(admin().post("/api/sessions", start(cp, 0, "has space"))))
                .containsExactlyInAnyOrder("connectorId", "idTag");
        // the test charger has 2 connectors
        assertThat(fields(admin().post("/api/sessions", start(cp, 3, tag("Accepted", null)))))
                .containsExactly("connectorId");
        assertThat(fields(admin().post("/api/sessions", Map.of("chargePointId", cp, "connectorId", "one",
                "idTag", "X")))).containsExactly("connectorId");
        assertThat(admin().post("/api/sessions", "{oops").status()).isEqualTo(400);
    }

    @Test
    void aRemoteStartOnAnUnknownOrDecommissionedChargerIsNotFound() {
        String idTag = tag("Accepted", null);
        Response unknown = admin().post("/api/sessions", start(TestChargers.uniqueId("NONE"), 1, idTag));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("chargePointId");

        String cp = registerCharger("GONE", KEY);
        admin().delete("/api/chargers/" + cp);
        assertThat(admin().post("/api/sessions", start(cp, 1, idTag)).status()).isEqualTo(404);
    }

    @Test
    void aRemoteStartForAnUnknownOrDeletedTagIsNotFound() {
        String cp = registerCharger("TAGX", KEY);
        Response unknown = admin().post("/api/sessions", start(cp, 1, "NEVER-SEEN-" + UUID.randomUUID().toString()
                .substring(0, 8)));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("title").asText()).isEqualTo("Unknown id tag");
        assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("idTag");

        String deleted = tag("Accepted", null);
        assertThat(admin().delete("/api/id-tags/" + deleted).status()).isEqualTo(204);
        assertThat(admin().post("/api/sessions", start(cp, 1, deleted)).status()).isEqualTo(404);
    }

    @Test
    void aRemoteStartForABlockedOrExpiredTagIsAConflict() {
        String cp = registerCharger("TAGB", KEY);
        Response blocked = admin().post("/api/sessions", start(cp, 1, tag("Blocked", null)));
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.contentType()).startsWith("application/problem+json");
        assertThat(blocked.json().path("authorizationStatus").asText()).isEqualTo("Blocked");

        Response expired = admin().post("/api/sessions", start(cp, 1, tag("Expired", null)));
        assertThat(expired.status()).isEqualTo(409);
        assertThat(expired.json().path("authorizationStatus").asText()).isEqualTo("Expired");

        Response pastExpiry = admin().post("/api/sessions", start(cp, 1, tag("Accepted", "2020-01-01T00:00:00Z")));
        assertThat(pastExpiry.status()).isEqualTo(409);
        assertThat(pastExpiry.json().path("authorizationStatus").asText()).isEqualTo("Expired");
    }

    @Test
    void aRemoteStartForATagAtItsSessionLimitIsAConflict() {
        String cp = registerCharger("LIMIT", KEY);
        String idTag = "L" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        admin().post("/api/id-tags", Map.of("idTag", idTag, "maxActiveSessions", 1));
        commandGateway.sendAndWait(new io.chargeledger.session.api.ClaimSessionSlot(idTag,
                UUID.randomUUID().toString(), Instant.now()));
        eventually(() -> assertThat(admin().get("/api/id-tags/" + idTag).json().path("activeSessions").asInt())
                .isEqualTo(1));

        Response limited = admin().post("/api/sessions", start(cp, 1, idTag));

        assertThat(limited.status()).isEqualTo(409);
        assertThat(limited.json().path("authorizationStatus").asText()).isEqualTo("ConcurrentTx");
    }

    @Test
    void aRemoteStartOnAnOfflineChargerIsAConflictAndNothingIsStored() {
        String cp = registerCharger("OFF", KEY);
        Response offline = admin().post("/api/sessions", start(cp, 1, tag("Accepted", null)));
        assertThat(offline.status()).isEqualTo(409);
        assertThat(offline.contentType()).startsWith("application/problem+json");
        assertThat(offline.json().path("title").asText()).isEqualTo("Charger not connected");
        assertThat(admin().get("/api/sessions?chargePointId=" + cp).json().path("totalElements").asInt()).isZero();
    }

    @Test
    void aRemoteStartOnABusyConnectorIsAConflict() {
        String cp = registerCharger("BUSY", KEY);
        String idTag = tag("Accepted", null);
        try (OcppTestClient charger = connectBooted(cp, KEY)) {
            String running = sessions.start(cp, 1, idTag, 0, Instant.now(), EUR_030_PLUS_FEE);

            Response busy = admin().post("/api/sessions", start(cp, 1, idTag));
            assertThat(busy.status()).as(busy.body()).isEqualTo(409);
            assertThat(busy.json().path("title").asText()).isEqualTo("Connector busy");
            assertThat(busy.json().path("sessionId").asText()).isEqualTo(running);

            sessions.start(cp, 2, idTag, 0, Instant.now(), EUR_030_PLUS_FEE);
            Response allBusy = admin().post("/api/sessions", start(cp, null, idTag));
            assertThat(allBusy.status()).as(allBusy.body()).isEqualTo(409);
            assertThat(allBusy.json().path("title").asText()).isEqualTo("Connector busy");
        }
    }

    @Test
    void stoppingAnActiveSessionSendsRemoteStopToTheCharger() {
        String cp = registerCharger("STOP", KEY);
        try (OcppTestClient charger = connectBooted(cp, KEY)) {
            String sessionId = UUID.randomUUID().toString();
            int transactionId = sessions.start(sessionId, cp, 1, "tag-stop", 0, Instant.now(), null,
                    io.chargeledger.session.api.AuthorizationStatus.Accepted);
            eventually(() -> assertThat(admin().get("/api/sessions/" + sessionId).json().path("status").asText())
                    .isEqualTo("ACTIVE"));

            Response accepted = admin().post("/api/sessions/" + sessionId + "/stop", "");

            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            assertThat(accepted.header("Location")).isEqualTo("/api/sessions/" + sessionId);
            assertThat(accepted.json().path("status").asText()).isEqualTo("ACTIVE");
            assertThat(accepted.json().path("remoteStopRequestedBy").asText()).isEqualTo("admin");
            assertThat(accepted.json().path("remoteStopRequestedAt").isNull()).isFalse();
            JsonNode call = charger.expectCall("RemoteStopTransaction");
            assertThat(call.get(3).path("transactionId").asInt()).isEqualTo(transactionId);
            charger.reply(call, OcppTestClient.json("{\"status\":\"Accepted\"}"));
        }
    }

    @Test
    void stoppingRefusesUnknownUnstartedStoppedAndOfflineSessions() {
        Response unknown = admin().post("/api/sessions/" + UUID.randomUUID() + "/stop", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(admin().post("/api/sessions/not-a-session/stop", "").status()).isEqualTo(404);

        String pending = UUID.randomUUID().toString();
        commandGateway.sendAndWait(new RequestRemoteStart(pending, TestChargers.uniqueId("PEND"), 1, "tag-pending",
                "admin", Instant.now().plusSeconds(60)));
        Response notStarted = admin().post("/api/sessions/" + pending + "/stop", "");
        assertThat(notStarted.status()).isEqualTo(409);
        assertThat(notStarted.json().path("title").asText()).isEqualTo("Session not started");

        String stopped = sessions.start(TestChargers.uniqueId("DONE"), 1, "tag-done", 0, Instant.now(), null);
        sessions.stop(stopped, 10, Instant.now(), null);
        eventually(() -> assertThat(admin().get("/api/sessions/" + stopped).json().path("status").asText())
                .isEqualTo("STOPPED"));
        Response alreadyStopped = admin().post("/api/sessions/" + stopped + "/stop", "");
        assertThat(alreadyStopped.status()).isEqualTo(409);
        assertThat(alreadyStopped.json().path("title").asText()).isEqualTo("Session already stopped");

        String offlineCharger = registerCharger("GONE", KEY);
        String offline = sessions.start(offlineCharger, 1, "tag-off", 0, Instant.now(), null);
        eventually(() -> assertThat(admin().get("/api/sessions/" + offline).status()).isEqualTo(200));
        Response notConnected = admin().post("/api/sessions/" + offline + "/stop", "");
        assertThat(notConnected.status()).isEqualTo(409);
        assertThat(notConnected.json().path("title").asText()).isEqualTo("Charger not connected");
        assertThat(eventStore.readEvents(offline).asStream().count()).isEqualTo(1);
    }

    @Test
    void unknownSessionsAreNotFound() {
        String id = UUID.randomUUID().toString();
        Response missing = admin().get("/api/sessions/" + id);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(admin().get("/api/sessions/" + id + "/meter-values").status()).isEqualTo(404);
    }

    @Test
    void theHistoryChecksItsParameters() {
        assertThat(admin().get("/api/sessions").status()).isEqualTo(200);
        assertThat(fields(admin().get("/api/sessions?status=charging&from=yesterday&to=2025-13-01T00:00:00Z")))
                .containsExactlyInAnyOrder("status", "from", "to");
        assertThat(fields(admin().get("/api/sessions?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z")))
                .containsExactly("to");
        assertThat(fields(admin().get("/api/sessions?page=-1&size=501"))).containsExactlyInAnyOrder("page", "size");
        assertThat(fields(admin().get("/api/sessions?size=ten"))).containsExactly("size");
        JsonNode empty = admin().get("/api/sessions?chargePointId=" + TestChargers.uniqueId("NONE")).json();
        assertThat(empty.path("totalElements").asInt()).isZero();
        assertThat(empty.path("size").asInt()).isEqualTo(50);
    }

    @Test
    void everyCallNeedsCredentials() {
        assertThat(admin().anonymous().get("/api/sessions").status()).isEqualTo(401);
        assertThat(admin().anonymous().post("/api/sessions", Map.of()).status()).isEqualTo(401);
    }

    static List<String> fields(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}
