package io.chargeledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.TestChargers;
import io.chargeledger.charger.api.RecordLiveness;
import io.chargeledger.ocpp.sessions.TransactionRegistry;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** GET /api/audit/{chargers|sessions}/{id}/events: the complete stream, paged or exported, secrets masked. */
class AuditEventsTest extends ApiIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String KEY = "audit-events-key-0123456789";
    private static final String NEW_KEY = "audit-events-key-new-987654";

    @Autowired
    CommandGateway commandGateway;
    @Autowired
    TransactionRegistry transactions;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    JdbcTemplate jdbc;

    private RawHttp http() {
        return new RawHttp(port, "admin", ADMIN_PASSWORD);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    /** Registered, updated with a new key, decommissioned: three events, each made by one HTTP request. */
    private String chargerWithHistory(List<String> requestIds) throws Exception {
        String id = TestChargers.uniqueId("AUD");
        requestIds.add("reg-" + UUID.randomUUID());
        assertThat(http().post("/api/chargers", JSON.writeValueAsString(TestChargers.versiCharge(id, KEY)),
                "X-Request-Id", requestIds.get(0)).statusCode()).isEqualTo(201);
        Map<String, Object> update = TestChargers.versiCharge(id, NEW_KEY);
        update.put("vendor", "ABB");
        requestIds.add("upd-" + UUID.randomUUID());
        assertThat(http().put("/api/chargers/" + id, JSON.writeValueAsString(update), "X-Request-Id",
                requestIds.get(1)).statusCode()).isEqualTo(200);
        assertThat(admin().delete("/api/chargers/" + id).status()).isEqualTo(204);
        return id;
    }

    @Test
    void theCompleteStreamComesWithMetadataAndWithoutTheKeyHash() throws Exception {
        List<String> requestIds = new ArrayList<>();
        String id = chargerWithHistory(requestIds);

        HttpResponse<String> response = http().get("/api/audit/chargers/" + id + "/events");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode page = json(response.body());
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(100);
        assertThat(page.path("totalElements").asLong()).isEqualTo(3);
        JsonNode content = page.path("content");
        assertThat(content).hasSize(3);
        assertThat(content.findValuesAsText("type"))
                .containsExactly("ChargerRegistered", "ChargerDetailsUpdated", "ChargerDecommissioned");
        for (int i = 0; i < 3; i++) {
            JsonNode event = content.get(i);
            assertThat(event.path("sequenceNumber").asLong()).isEqualTo(i);
            assertThat(Instant.parse(event.path("timestamp").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(UUID.fromString(event.path("eventId").asText())).isNotNull();
            assertThat(event.path("payload").path("chargePointId").asText()).isEqualTo(id);
            assertThat(event.path("metadata").path("actor").asText()).isEqualTo("user:admin");
        }
        assertThat(content.get(0).path("metadata").path("httpRequestId").asText()).isEqualTo(requestIds.get(0));
        assertThat(content.get(1).path("metadata").path("httpRequestId").asText()).isEqualTo(requestIds.get(1));
        // masked in both events that carry a key hash
        assertThat(content.get(0).path("payload").path("authorizationKeyHash").asText()).isEqualTo("***");
        assertThat(content.get(1).path("payload").path("authorizationKeyHash").asText()).isEqualTo("***");
        assertThat(response.body()).doesNotContain("pbkdf2").doesNotContain(KEY).doesNotContain(NEW_KEY);
        // numbers exactly as stored: a price of 0.30 stays 0.30
        assertThat(response.body()).contains("\"pricePerKwh\":0.30");
        assertThat(content.get(1).path("payload").path("details").path("vendor").asText()).isEqualTo("ABB");
        assertThat(content.get(2).path("payload").path("reason").asText()).isEqualTo("Decommissioned through the API");
    }

    @Test
    void anUnchangedKeyStaysNullNotMasked() throws Exception {
        String id = TestChargers.uniqueId("AUD");
        assertThat(admin().post("/api/chargers", TestChargers.versiCharge(id, KEY)).status()).isEqualTo(201);
        Map<String, Object> update = TestChargers.versiCharge(id, null);
        update.remove("authorizationKey");
        assertThat(admin().put("/api/chargers/" + id, update).status()).isEqualTo(200);

        JsonNode content = json(http().get("/api/audit/chargers/" + id + "/events").body()).path("content");

        assertThat(content.get(1).path("type").asText()).isEqualTo("ChargerDetailsUpdated");
        assertThat(content.get(1).path("payload").path("authorizationKeyHash").isNull()).isTrue();
    }

    @Test
    void pagesFollowTheSequenceNumbers() throws Exception {
        String id = chargerWithHistory(new ArrayList<>());

        JsonNode first = json(http().get("/api/audit/chargers/" + id + "/events?page=0&size=2").body());
        JsonNode second = json(http().get("/api/audit/chargers/" + id + "/events?page=1&size=2").body());
        JsonNode beyond = json(http().get("/api/audit/chargers/" + id + "/events?page=7&size=2").body());

        assertThat(first.path("content").findValuesAsText("sequenceNumber")).containsExactly("0", "1");
        assertThat(first.path("totalElements").asLong()).isEqualTo(3);
        assertThat(first.path("totalPages").asLong()).isEqualTo(2);
        assertThat(second.path("content").findValuesAsText("sequenceNumber")).containsExactly("2");
        assertThat(second.path("page").asInt()).isEqualTo(1);
        assertThat(beyond.path("content")).isEmpty();
        assertThat(beyond.path("totalElements").asLong()).isEqualTo(3);
    }

    @Test
    void invalidPagingOrFormatIsA400NamingTheField() throws Exception {
        String id = chargerWithHistory(new ArrayList<>());
        Map<String, String> cases = Map.of(
                "?size=0", "size", "?size=1001", "size", "?page=-1", "page", "?format=xml", "format", "?size=abc", "size");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            HttpResponse<String> response = http().get("/api/audit/chargers/" + id + "/events" + bad.getKey());
            assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(json(response.body()).path("errors").get(0).path("field").asText()).isEqualTo(bad.getValue());
        }
        assertThat(http().get("/api/audit/chargers/" + id + "/events?size=1000").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownAggregatesAndAggregatesOfAnotherTypeAre404() throws Exception {
        String chargerId = chargerWithHistory(new ArrayList<>());
        String sessionId = AuditTestData.startSession(commandGateway, transactions, TestChargers.uniqueId("AUDS"), 100,
                Instant.parse("2025-03-14T08:00:00Z"));

        for (String path : List.of(
                "/api/audit/chargers/" + TestChargers.uniqueId("NONE") + "/events",
                "/api/audit/sessions/" + UUID.randomUUID() + "/events",
                "/api/audit/sessions/" + chargerId + "/events",
                "/api/audit/chargers/" + sessionId + "/events",
                "/api/audit/chargers/" + sessionId + "/events?format=csv",
                "/api/audit/sessions/" + chargerId + "/events?format=jsonl",
                "/api/audit/chargers/" + TestChargers.uniqueId("NONE") + "/events?page=3")) {
            HttpResponse<String> response = http().get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
    }

    @Test
    void auditNeedsCredentials() throws Exception {
        String id = chargerWithHistory(new ArrayList<>());
        assertThat(new RawHttp(port, null, null).get("/api/audit/chargers/" + id + "/events").statusCode()).isEqualTo(401);
        assertThat(new RawHttp(port, null, null).get("/api/audit/chargers/" + id + "/events?format=csv").statusCode())
                .isEqualTo(401);
    }

    @Test
    void jsonlExportsTheWholeStreamOneEventPerLine() throws Exception {
        String id = chargerWithHistory(new ArrayList<>());

        HttpResponse<String> response = http().get("/api/audit/chargers/" + id + "/events?format=jsonl&size=1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment").contains("charger-" + id + "-events.jsonl");
        String[] lines = response.body().split("\n");
        assertThat(lines).hasSize(3).allMatch(line -> line.startsWith("{\"sequenceNumber\":") && line.endsWith("}"));
        assertThat(response.body()).endsWith("}\n");
        JsonNode first = json(lines[0]);
        assertThat(first.path("type").asText()).isEqualTo("ChargerRegistered");
        assertThat(first.path("payload").path("authorizationKeyHash").asText()).isEqualTo("***");
        assertThat(first.path("metadata").path("actor").asText()).isEqualTo("user:admin");
        assertThat(json(lines[2]).path("sequenceNumber").asLong()).isEqualTo(2);
        assertThat(response.body()).doesNotContain("pbkdf2");
        // the same objects as the paged JSON
        JsonNode paged = json(http().get("/api/audit/chargers/" + id + "/events").body()).path("content");
        for (int i = 0; i < 3; i++) {
            assertThat(json(lines[i])).isEqualTo(paged.get(i));
        }
    }

    @Test
    void csvExportsTheWholeStreamWithProperQuoting() throws Exception {
        String id = chargerWithHistory(new ArrayList<>());

        HttpResponse<String> response = http().get("/api/audit/chargers/" + id + "/events?format=CSV");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("charger-" + id + "-events.csv");
        List<List<String>> rows = Csv.parse(response.body());
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).containsExactly("sequenceNumber", "timestamp", "type", "eventId", "payload", "metadata");
        JsonNode paged = json(http().get("/api/audit/chargers/" + id + "/events").body()).path("content");
        for (int i = 1; i <= 3; i++) {
            List<String> row = rows.get(i);
            JsonNode expected = paged.get(i - 1);
            assertThat(row).hasSize(6);
            assertThat(row.get(0)).isEqualTo(Long.toString(i - 1));
            assertThat(Instant.parse(row.get(1))).isEqualTo(Instant.parse(expected.path("timestamp").asText()));
            assertThat(row.get(2)).isEqualTo(expected.path("type").asText());
            assertThat(row.get(3)).isEqualTo(expected.path("eventId").asText());
            assertThat(json(row.get(4))).isEqualTo(expected.path("payload"));
            assertThat(json(row.get(5))).isEqualTo(expected.path("metadata"));
        }
        assertThat(json(rows.get(1).get(4)).path("authorizationKeyHash").asText()).isEqualTo("***");
        assertThat(response.body()).doesNotContain("pbkdf2").contains("\r\n");
    }

    @Test
    void anEventWithoutSecretsIsExportedExactlyAsStored() throws Exception {
        String id = chargerWithHistory(new ArrayList<>());
        List<Map<String, Object>> stored = jdbc.queryForList("select sequence_number, convert_from(payload, 'UTF8') payload,"
                + " convert_from(meta_data, 'UTF8') metadata from domain_event_entry where aggregate_identifier = ?"
                + " order by sequence_number", id);

        String[] jsonl = http().get("/api/audit/chargers/" + id + "/events?format=jsonl").body().split("\n");
        List<List<String>> csv = Csv.parse(http().get("/api/audit/chargers/" + id + "/events?format=csv").body());

        assertThat(stored).hasSize(3);
        for (int i = 0; i < 3; i++) {
            String metadata = (String) stored.get(i).get("metadata");
            assertThat(jsonl[i]).endsWith(",\"metadata\":" + metadata + "}");
            assertThat(csv.get(i + 1).get(5)).isEqualTo(metadata);
        }
        // ChargerDecommissioned holds no secret: its text is the stored text, not a re-writing of it
        String decommissioned = (String) stored.get(2).get("payload");
        assertThat(jsonl[2]).contains(",\"payload\":" + decommissioned + ",\"metadata\":");
        assertThat(csv.get(3).get(4)).isEqualTo(decommissioned);
        // ChargerRegistered holds a key hash: stored as it is, shown masked
        assertThat((String) stored.get(0).get("payload")).contains("pbkdf2");
        assertThat(jsonl[0]).doesNotContain("pbkdf2").contains("\"authorizationKeyHash\":\"***\"");
    }

    @Test
    void anExportStreamsALongHistoryFromZeroThoughTheAggregateHasASnapshot() throws Exception {
        String id = TestChargers.uniqueId("LONG");
        assertThat(admin().post("/api/chargers", TestChargers.versiCharge(id, KEY)).status()).isEqualTo(201);
        Instant seen = Instant.parse("2025-01-01T00:00:00Z");
        int liveness = 349;
        for (int i = 0; i < liveness; i++) {
            commandGateway.sendAndWait(new RecordLiveness(id, seen.plusSeconds(i)));
        }

        // a charger this long is loaded from a snapshot; the audit must still show every event from 0. The
        // snapshot is a stand-in whose payload no event has: it must not appear in the audit at all.
        transactionManager.executeInTransaction(() -> eventStore.storeSnapshot(
                new GenericDomainEventMessage<>("Charger", id, liveness, Map.of("snapshotOf", id))));
        assertThat(eventStore.readEvents(id).next().getSequenceNumber()).isEqualTo(liveness);

        HttpResponse<String> export = http().get("/api/audit/chargers/" + id + "/events?format=jsonl");
        // streamed as it is read (chunked), not assembled first with a length
        assertThat(export.headers().firstValue("Content-Length")).isEmpty();
        String[] jsonl = export.body().split("\n");
        List<List<String>> csv = Csv.parse(http().get("/api/audit/chargers/" + id + "/events?format=csv").body());
        JsonNode lastPage = json(http().get("/api/audit/chargers/" + id + "/events?page=3&size=100").body());

        assertThat(jsonl).hasSize(liveness + 1);
        for (int i = 0; i < jsonl.length; i++) {
            assertThat(json(jsonl[i]).path("sequenceNumber").asLong()).isEqualTo(i);
        }
        assertThat(json(jsonl[liveness]).path("payload").path("lastSeen").asText())
                .isEqualTo(seen.plusSeconds(liveness - 1).toString());
        assertThat(csv).hasSize(liveness + 2);
        assertThat(export.body()).doesNotContain("snapshotOf");
        assertThat(lastPage.path("totalElements").asLong()).isEqualTo(liveness + 1);
        assertThat(lastPage.path("content").findValuesAsText("sequenceNumber")).hasSize(50).startsWith("300");
        JsonNode state = json(http().get("/api/audit/chargers/" + id + "/state?at=" + Instant.now().plusSeconds(60)).body());
        assertThat(state.path("eventsApplied").asLong()).isEqualTo(liveness + 1);
        assertThat(state.path("state").path("lastSeen").asText()).isEqualTo(seen.plusSeconds(liveness - 1).toString());
    }

    @Test
    void aSessionsStreamIsAuditedToo() throws Exception {
        String cp = TestChargers.uniqueId("AUDS");
        Instant t0 = Instant.parse("2025-03-14T08:00:00Z");
        String sessionId = AuditTestData.startSession(commandGateway, transactions, cp, 1_000, t0);
        AuditTestData.meterValues(commandGateway, sessionId, t0.plusSeconds(600), "5000");
        AuditTestData.stopSession(commandGateway, sessionId, 9_000, t0.plusSeconds(3600));

        HttpResponse<String> response = http().get("/api/audit/sessions/" + sessionId + "/events");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode content = json(response.body()).path("content");
        assertThat(content.findValuesAsText("type"))
                .containsExactly("SessionStarted", "MeterValuesRecorded", "SessionStopped");
        assertThat(content.get(0).path("payload").path("meterStartWh").asLong()).isEqualTo(1_000);
        assertThat(content.get(2).path("payload").path("energyWh").asLong()).isEqualTo(8_000);
        assertThat(content.get(2).path("payload").path("cost").decimalValue()).isEqualByComparingTo("3.40");
        String csv = http().get("/api/audit/sessions/" + sessionId + "/events?format=csv").body();
        assertThat(Csv.parse(csv)).hasSize(4);
        assertThat(http().get("/api/audit/sessions/" + sessionId + "/events?format=jsonl").headers()
                .firstValue("Content-Disposition").orElseThrow()).contains("session-" + sessionId + "-events.jsonl");
    }
}
