package io.chargeledger.api.ocpp;

import static io.chargeledger.api.support.OcppTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.OcppTestClient;
import io.chargeledger.api.support.TestChargers;
import io.chargeledger.charger.api.UnknownTransactionStopReported;
import io.chargeledger.session.api.IdTagStatus;
import io.chargeledger.session.api.IdTokens;
import io.chargeledger.session.api.IdTagSessionClaimed;
import io.chargeledger.session.api.IdTagSessionReleased;
import io.chargeledger.session.api.MeterValuesRecorded;
import io.chargeledger.session.api.RegisterIdTag;
import io.chargeledger.session.api.RemoteStartExpired;
import io.chargeledger.session.api.RemoteStartRejected;
import io.chargeledger.session.api.RequestRemoteStart;
import io.chargeledger.session.api.RequestRemoteStop;
import io.chargeledger.session.api.SessionAnomalies;
import io.chargeledger.session.api.SessionAnomalyFlagged;
import io.chargeledger.session.api.SessionStarted;
import io.chargeledger.session.api.SessionStopped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Charging sessions end to end over a real OCPP socket: the charger's messages, the stored events and the
 * billed totals (asserted exactly). The test charger's tariff: 0.30 EUR/kWh + 1.00 EUR per session.
 */
class OcppSessionsTest extends ApiIntegrationTest {

    private static final String KEY = "sessions-key-0123456789";

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;

    private String tag() {
        String idTag = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        commands.sendAndWait(new RegisterIdTag(idTag, IdTagStatus.Accepted, null, null, null, null));
        return idTag;
    }

    private List<Object> events(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
    }

    private <T> T only(String aggregateId, Class<T> type) {
        List<T> matching = events(aggregateId).stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).as(type.getSimpleName() + " of " + aggregateId).hasSize(1);
        return matching.get(0);
    }

    private String sessionOf(int transactionId) {
        return jdbc.queryForObject("select session_id from charging_transaction where transaction_id = ?", String.class,
                transactionId);
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    /** Connector 1 as the charger read model shows it. */
    private JsonNode activeConnector(String chargePointId) {
        for (JsonNode connector : admin().get("/api/chargers/" + chargePointId).json().path("connectors")) {
            if (connector.path("connectorId").asInt() == 1) {
                return connector;
            }
        }
        throw new AssertionError("No connector 1 on " + chargePointId);
    }

    private static JsonNode start(OcppTestClient charger, int connectorId, String idTag, long meterStart, String timestamp) {
        return charger.callOk("StartTransaction", json("{\"connectorId\":" + connectorId + ",\"idTag\":\"" + idTag
                + "\",\"meterStart\":" + meterStart + ",\"timestamp\":\"" + timestamp + "\"}"));
    }

    private static JsonNode stop(OcppTestClient charger, int transactionId, long meterStop, String timestamp, String extra) {
        return charger.callOk("StopTransaction", json("{\"transactionId\":" + transactionId + ",\"meterStop\":" + meterStop
                + ",\"timestamp\":\"" + timestamp + "\"" + extra + "}"));
    }

    private static void meter(OcppTestClient charger, int transactionId, String timestamp, String kwh) {
        charger.callOk("MeterValues", json("{\"connectorId\":1,\"transactionId\":" + transactionId + ",\"meterValue\":[{"
                + "\"timestamp\":\"" + timestamp + "\",\"sampledValue\":[{\"value\":\"" + kwh + "\","
                + "\"measurand\":\"Energy.Active.Import.Register\",\"unit\":\"kWh\",\"context\":\"Sample.Periodic\"},"
                + "{\"value\":\"7400\",\"measurand\":\"Power.Active.Import\",\"unit\":\"W\"}]}]}"));
    }

    /** Connector n as the charger read model shows it. */
    private JsonNode connector(String chargePointId, int connectorId) {
        for (JsonNode connector : admin().get("/api/chargers/" + chargePointId).json().path("connectors")) {
            if (connector.path("connectorId").asInt() == connectorId) {
                return connector;
            }
        }
        throw new AssertionError("No connector " + connectorId + " on " + chargePointId);
    }

    /**
     * The charger read model applies a whole batch of events in one transaction. A session that starts and stops
     * within one batch is not in the database when its stop is applied; the connector must still end up free, and a
     * session started after it on the same connector must stay shown as running.
     */
    @Test
    void sessionsStartedAndStoppedWithinOneProjectionBatchLeaveTheirConnectorsRight() throws Exception {
        String id = registerCharger("BATCH", KEY);
        String idTag = tag();
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            eventually(() -> assertThat(admin().get("/api/chargers/" + id).json().path("connected").asBoolean()).isTrue());
            TrackingEventProcessor chargerView = processing.eventProcessor("charger-view", TrackingEventProcessor.class)
                    .orElseThrow();
            chargerView.shutDown();
            int first;
            int second;
            int third;
            try {
                first = start(charger, 1, idTag, 0, "2026-11-25T08:00:00Z").path("transactionId").asInt();
                stop(charger, first, 1_000, "2026-11-25T08:10:00Z", "");
                second = start(charger, 1, idTag, 1_000, "2026-11-25T08:20:00Z").path("transactionId").asInt();
                third = start(charger, 2, idTag, 0, "2026-11-25T08:21:00Z").path("transactionId").asInt();
                stop(charger, third, 500, "2026-11-25T08:30:00Z", "");
            } finally {
                chargerView.start();
            }

            int running = second;
            eventually(() -> {
                JsonNode one = connector(id, 1);
                assertThat(one.path("activeTransactionId").asInt()).isEqualTo(running);
                assertThat(one.path("activeSessionId").asText()).isEqualTo(sessionOf(running));
                assertThat(connector(id, 2).path("activeSessionId").isNull()).isTrue();
                assertThat(connector(id, 2).path("activeTransactionId").isNull()).isTrue();
            });
            stop(charger, second, 2_000, "2026-11-25T08:40:00Z", "");
            eventually(() -> assertThat(connector(id, 1).path("activeSessionId").isNull()).isTrue());
        }
    }

    @Test
    void aNewTagAndARemoteSessionWithinOneProjectionBatchAreEachProjectedOnce() throws Exception {
        String id = registerCharger("BATCHVIEWS", KEY);
        String sessionId = UUID.randomUUID().toString();
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            TrackingEventProcessor sessionView = processing.eventProcessor("session-view", TrackingEventProcessor.class)
                    .orElseThrow();
            TrackingEventProcessor idTagView = processing.eventProcessor("id-tag-view", TrackingEventProcessor.class)
                    .orElseThrow();
            sessionView.shutDown();
            idTagView.shutDown();
            String idTag;
            int transactionId;
            try {
                // one batch for each view: the tag's registration and claim; the session's remote start request,
                // start (both create its row), meter values and stop
                idTag = tag();
                commands.sendAndWait(new RequestRemoteStart(sessionId, id, 1, idTag, "admin", Instant.now().plusSeconds(60)));
                charger.reply(charger.expectCall("RemoteStartTransaction"), json("{\"status\":\"Accepted\"}"));
                transactionId = start(charger, 1, idTag, 1_000, "2026-11-25T10:00:00Z").path("transactionId").asInt();
                meter(charger, transactionId, "2026-11-25T10:30:00Z", "3.5");
                stop(charger, transactionId, 6_000, "2026-11-25T11:00:00Z", ",\"reason\":\"Local\"");
            } finally {
                sessionView.start();
                idTagView.start();
            }

            eventually(() -> {
                JsonNode session = admin().get("/api/sessions/" + sessionId).json();
                assertThat(session.path("status").asText()).isEqualTo("STOPPED");
                assertThat(session.path("transactionId").asInt()).isEqualTo(transactionId);
                assertThat(session.path("requestedBy").asText()).isEqualTo("admin");
                assertThat(session.path("remoteStartAccepted").asBoolean()).isTrue();
                assertThat(session.path("energyWh").asLong()).isEqualTo(5_000);
                assertThat(admin().get("/api/sessions/" + sessionId + "/meter-values").json()).hasSize(2);
                JsonNode tag = admin().get("/api/id-tags/" + idTag).json();
                assertThat(tag.path("status").asText()).isEqualTo("Accepted");
                assertThat(tag.path("activeSessions").asInt()).isZero();
                assertThat(tag.path("deleted").asBoolean()).isFalse();
            });
        }
    }

    @Test
    void anRfidSessionIsAuthorizedMeteredStoppedAndBilledExactly() {
        String id = registerCharger("RFID", KEY);
        String idTag = tag();
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            assertThat(charger.callOk("Authorize", json("{\"idTag\":\"" + idTag + "\"}")).path("idTagInfo").path("status")
                    .asText()).isEqualTo("Accepted");
            JsonNode started = start(charger, 1, idTag, 1_000, "2026-11-25T08:00:00Z");
            int transactionId = started.path("transactionId").asInt();
            assertThat(transactionId).isPositive();
            assertThat(started.path("idTagInfo").path("status").asText()).isEqualTo("Accepted");

            eventually(() -> {
                JsonNode connector = activeConnector(id);
                assertThat(connector.path("activeTransactionId").asInt()).isEqualTo(transactionId);
                assertThat(connector.path("activeSessionId").asText()).isEqualTo(sessionOf(transactionId));
            });

            meter(charger, transactionId, "2026-11-25T08:30:00Z", "4.5");
            meter(charger, transactionId, "2026-11-25T09:00:00Z", "8.68");
            JsonNode stopped = stop(charger, transactionId, 8_680, "2026-11-25T09:00:05Z",
                    ",\"idTag\":\"" + idTag + "\",\"reason\":\"EVDisconnected\"");
            assertThat(stopped.path("idTagInfo").path("status").asText()).isEqualTo("Accepted");
            eventually(() -> assertThat(activeConnector(id).path("activeSessionId").isNull()).isTrue());

            String sessionId = sessionOf(transactionId);
            // time-ordered, so that new sessions land at the right end of the indexes keyed by session
            assertThat(UUID.fromString(sessionId).version()).isEqualTo(7);
            SessionStarted sessionStarted = only(sessionId, SessionStarted.class);
            assertThat(sessionStarted.chargerTimestamp()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
            assertThat(sessionStarted.tariff().pricePerKwh()).isEqualByComparingTo("0.30");
            SessionStopped sessionStopped = only(sessionId, SessionStopped.class);
            assertThat(sessionStopped.energyWh()).isEqualTo(7_680);
            // 7.68 kWh x 0.30 + 1.00 = 3.304 -> 3.30 EUR (half-up to the currency's 2 decimals)
            assertThat(sessionStopped.cost()).isEqualByComparingTo(new BigDecimal("3.30"));
            assertThat(sessionStopped.cost().scale()).isEqualTo(2);
            assertThat(sessionStopped.currency()).isEqualTo("EUR");
            assertThat(sessionStopped.reason()).isEqualTo("EVDisconnected");
            assertThat(sessionStopped.chargerTimestamp()).isEqualTo(Instant.parse("2026-11-25T09:00:05Z"));
            assertThat(events(sessionId).stream().filter(MeterValuesRecorded.class::isInstance)).hasSize(2);
        }
    }

    @Test
    void aLaterPriceChangeNeverAltersAStartedSession() {
        String id = registerCharger("PRICE", KEY);
        String idTag = tag();
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            int transactionId = start(charger, 1, idTag, 0, "2026-11-25T08:00:00Z").path("transactionId").asInt();
            var repriced = TestChargers.versiCharge(id, null);
            repriced.put("pricing", java.util.Map.of("pricePerKwh", "0.99", "currency", "EUR"));
            assertThat(admin().put("/api/chargers/" + id, repriced).status()).isEqualTo(200);
            stop(charger, transactionId, 10_000, "2026-11-25T09:00:00Z", "");
            // 10 kWh x 0.30 + 1.00, the tariff at start
            assertThat(only(sessionOf(transactionId), SessionStopped.class).cost()).isEqualByComparingTo("4.00");
        }
    }

    @Test
    void unknownAndBlockedTagsStillGetATransactionAndTheSessionIsFlagged() {
        String id = registerCharger("UNKNOWN", KEY);
        String blocked = tag();
        commands.sendAndWait(new io.chargeledger.session.api.BlockIdTag(blocked));
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            assertThat(charger.callOk("Authorize", json("{\"idTag\":\"NOBODY-KNOWS\"}")).path("idTagInfo").path("status")
                    .asText()).isEqualTo("Invalid");
            JsonNode unknown = start(charger, 1, "NOBODY-KNOWS", 0, "2026-11-25T08:00:00Z");
            assertThat(unknown.path("transactionId").asInt()).isPositive();
            assertThat(unknown.path("idTagInfo").path("status").asText()).isEqualTo("Invalid");
            assertThat(only(sessionOf(unknown.path("transactionId").asInt()), SessionStarted.class).authorized()).isFalse();

            JsonNode blockedStart = start(charger, 2, blocked, 0, "2026-11-25T08:00:00Z");
            assertThat(blockedStart.path("idTagInfo").path("status").asText()).isEqualTo("Blocked");
            assertThat(blockedStart.path("transactionId").asInt()).isNotEqualTo(unknown.path("transactionId").asInt());
        }
    }

    @Test
    void aStartThatIsNotStoredStoresNoClaimOfTheTagsSlot() {
        String id = registerCharger("NOSTORE", KEY);
        String idTag = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        commands.sendAndWait(new RegisterIdTag(idTag, IdTagStatus.Accepted, null, null, 1, null));
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            // connector 0 is the charger itself: the session refuses it, in the step that claimed the tag's slot
            JsonNode refused = charger.call("StartTransaction", json("{\"connectorId\":0,\"idTag\":\"" + idTag
                    + "\",\"meterStart\":0,\"timestamp\":\"2026-11-25T08:00:00Z\"}"));
            assertThat(refused.get(0).asInt()).as(refused.toString()).isEqualTo(4);
            assertThat(events(IdTokens.aggregateId(idTag))).noneMatch(IdTagSessionClaimed.class::isInstance);

            JsonNode started = start(charger, 1, idTag, 0, "2026-11-25T08:01:00Z");
            assertThat(started.path("idTagInfo").path("status").asText()).isEqualTo("Accepted");
            assertThat(jdbc.queryForObject("select count(*) from charging_transaction where charge_point_id = ?",
                    Integer.class, id)).isEqualTo(1);
        }
    }

    /** The charger's answer waits for one commit, and a crash between two commits cannot split them. */
    @Test
    void aStartAndAStopEachStoreTheSessionAndItsTagsSlotInOneDatabaseTransaction() {
        String id = registerCharger("ONETX", KEY);
        String idTag = tag();
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            int transactionId = start(charger, 1, idTag, 0, "2026-11-25T08:00:00Z").path("transactionId").asInt();
            stop(charger, transactionId, 5_000, "2026-11-25T09:00:00Z", "");
            String sessionId = sessionOf(transactionId);
            String tagStream = IdTokens.aggregateId(idTag);

            long started = storedBy(sessionId, SessionStarted.class);
            long stopped = storedBy(sessionId, SessionStopped.class);
            assertThat(storedBy(tagStream, IdTagSessionClaimed.class)).isEqualTo(started);
            assertThat(storedBy(tagStream, IdTagSessionReleased.class)).isEqualTo(stopped);
            assertThat(started).isNotEqualTo(stopped);
        }
    }

    /** The PostgreSQL transaction (xmin) that stored the aggregate's one event of that type. */
    private long storedBy(String aggregateId, Class<?> type) {
        String eventId = eventStore.readEvents(aggregateId).asStream().filter(event -> type.isInstance(event.getPayload()))
                .map(DomainEventMessage::getIdentifier).reduce((a, b) -> {
                    throw new AssertionError("more than one " + type.getSimpleName() + " in " + aggregateId);
                }).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + aggregateId));
        return jdbc.queryForObject("select xmin::text::bigint from domain_event_entry where event_identifier = ?",
                Long.class, eventId);
    }

    @Test
    void aStopWithAnotherTagAnswersForThatTagAndFreesTheStartingTagsSlot() {
        String id = registerCharger("OTHERSTOP", KEY);
        String starting = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        commands.sendAndWait(new RegisterIdTag(starting, IdTagStatus.Accepted, null, null, 1, null));
        String stopping = tag();
        commands.sendAndWait(new io.chargeledger.session.api.BlockIdTag(stopping));
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            int first = start(charger, 1, starting, 0, "2026-11-25T08:00:00Z").path("transactionId").asInt();
            JsonNode stopped = stop(charger, first, 100, "2026-11-25T08:10:00Z", ",\"idTag\":\"" + stopping + "\"");
            assertThat(stopped.path("idTagInfo").path("status").asText()).isEqualTo("Blocked");

            JsonNode next = start(charger, 1, starting, 100, "2026-11-25T08:20:00Z");
            assertThat(next.path("idTagInfo").path("status").asText()).isEqualTo("Accepted");
            JsonNode stoppedBySameTag = stop(charger, next.path("transactionId").asInt(), 200, "2026-11-25T08:30:00Z",
                    ",\"idTag\":\"" + starting + "\"");
            assertThat(stoppedBySameTag.path("idTagInfo").path("status").asText()).isEqualTo("Accepted");
            assertThat(events(IdTokens.aggregateId(starting))).filteredOn(IdTagSessionReleased.class::isInstance)
                    .hasSize(2);
            JsonNode withoutTag = stop(charger, 2_000_000_001, 1, "2026-11-25T08:40:00Z", "");
            assertThat(withoutTag.has("idTagInfo")).isFalse();
        }
    }

    @Test
    void aRetriedStartTransactionGetsTheSameTransactionAndNoSecondSession() {
        String id = registerCharger("RETRY", KEY);
        String idTag = tag();
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            int first = start(charger, 1, idTag, 500, "2026-11-25T08:00:00Z").path("transactionId").asInt();
            int again = start(charger, 1, idTag, 500, "2026-11-25T08:00:00Z").path("transactionId").asInt();
            assertThat(again).isEqualTo(first);
            assertThat(jdbc.queryForObject("select count(*) from charging_transaction where charge_point_id = ?",
                    Integer.class, id)).isEqualTo(1);
            stop(charger, first, 1_500, "2026-11-25T08:10:00Z", "");
            stop(charger, first, 1_500, "2026-11-25T08:10:00Z", "");
            assertThat(only(sessionOf(first), SessionStopped.class).energyWh()).isEqualTo(1_000);
        }
    }

    @Test
    void aStopForAnUnknownTransactionIsAcknowledgedAndRecorded() {
        String id = registerCharger("ORPHAN", KEY);
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            JsonNode answer = stop(charger, 2_000_000_000, 42, "2026-11-25T08:00:00Z", ",\"reason\":\"PowerLoss\"");
            assertThat(answer.isObject()).isTrue();
            UnknownTransactionStopReported recorded = only(id, UnknownTransactionStopReported.class);
            assertThat(recorded.transactionId()).isEqualTo(2_000_000_000);
            assertThat(recorded.reason()).isEqualTo("PowerLoss");
            charger.callOk("MeterValues", json("{\"connectorId\":1,\"transactionId\":2000000000,\"meterValue\":[{"
                    + "\"timestamp\":\"2026-11-25T08:00:00Z\",\"sampledValue\":[{\"value\":\"1\"}]}]}"));
        }
    }

    @Test
    void anOfflineQueueIsReplayedInOrderAfterAReconnectWithTheChargersTimestamps() {
        String id = registerCharger("OFFLINE", KEY);
        String idTag = tag();
        int transactionId;
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            transactionId = start(charger, 1, idTag, 10_000, "2026-11-25T06:00:00Z").path("transactionId").asInt();
        }
        // the charger lost its connection; it kept charging and queued its messages
        try (OcppTestClient charger = OcppTestClient.to(ocppUrl(id)).basicAuth(id, KEY).connect()) {
            meter(charger, transactionId, "2026-11-25T06:30:00Z", "15");
            charger.callOk("StatusNotification", json("{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Finishing\","
                    + "\"timestamp\":\"2026-11-25T06:59:59Z\"}"));
            stop(charger, transactionId, 20_500, "2026-11-25T07:00:00Z", ",\"reason\":\"Local\",\"transactionData\":[{"
                    + "\"timestamp\":\"2026-11-25T06:45:00Z\",\"sampledValue\":[{\"value\":\"18000\",\"unit\":\"Wh\"}]}]");
        }
        String sessionId = sessionOf(transactionId);
        SessionStopped stopped = only(sessionId, SessionStopped.class);
        assertThat(stopped.chargerTimestamp()).isEqualTo(Instant.parse("2026-11-25T07:00:00Z"));
        assertThat(stopped.receivedAt()).isAfter(Instant.parse("2026-11-25T07:00:00Z"));
        assertThat(stopped.energyWh()).isEqualTo(10_500);
        // 10.5 kWh x 0.30 + 1.00 = 4.15
        assertThat(stopped.cost()).isEqualByComparingTo("4.15");
        List<Instant> sampleTimes = events(sessionId).stream().filter(MeterValuesRecorded.class::isInstance)
                .map(MeterValuesRecorded.class::cast).flatMap(m -> m.samples().stream())
                .filter(s -> s.measurand() == null || s.measurand().startsWith("Energy"))
                .map(io.chargeledger.session.api.MeterSample::timestamp).toList();
        assertThat(sampleTimes).containsExactly(Instant.parse("2026-11-25T06:30:00Z"), Instant.parse("2026-11-25T06:45:00Z"));
    }

    @Test
    void aRebootMidSessionIsFlaggedOnTheOpenSession() {
        String id = registerCharger("REBOOTMID", KEY);
        String idTag = tag();
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            int transactionId = start(charger, 1, idTag, 0, "2026-11-25T08:00:00Z").path("transactionId").asInt();
            charger.boot();
            String sessionId = sessionOf(transactionId);
            eventually(() -> assertThat(events(sessionId)).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                    SessionAnomalyFlagged.class, f -> assertThat(f.anomaly()).isEqualTo(SessionAnomalies.CHARGER_REBOOTED_MID_SESSION))));
            stop(charger, transactionId, 100, "2026-11-25T08:05:00Z", ",\"reason\":\"Reboot\"");
        }
    }

    @Test
    void aNewStartOnABusyConnectorClosesTheOldSessionAsSuperseded() {
        String id = registerCharger("SUPER", KEY);
        String idTag = tag();
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            int old = start(charger, 1, idTag, 0, "2026-11-25T08:00:00Z").path("transactionId").asInt();
            meter(charger, old, "2026-11-25T08:20:00Z", "2.5");
            int fresh = start(charger, 1, idTag, 3_000, "2026-11-25T09:00:00Z").path("transactionId").asInt();
            assertThat(fresh).isNotEqualTo(old);
            SessionStopped closed = only(sessionOf(old), SessionStopped.class);
            assertThat(closed.reason()).isEqualTo("Superseded");
            assertThat(closed.energyWh()).isEqualTo(2_500);
            assertThat(closed.anomalies()).contains(SessionAnomalies.SUPERSEDED_BY_NEW_START);
        }
    }

    @Test
    void aRemoteStartIsSentToTheChargerAndBindsItsStartTransaction() throws Exception {
        String id = registerCharger("REMOTE", KEY);
        String idTag = tag();
        String sessionId = UUID.randomUUID().toString();
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            commands.sendAndWait(new RequestRemoteStart(sessionId, id, 1, idTag, "admin", Instant.now().plusSeconds(60)));
            JsonNode call = charger.expectCall("RemoteStartTransaction");
            assertThat(call.get(3).path("idTag").asText()).isEqualTo(idTag);
            assertThat(call.get(3).path("connectorId").asInt()).isEqualTo(1);
            charger.reply(call, json("{\"status\":\"Accepted\"}"));

            int transactionId = start(charger, 1, idTag, 0, Instant.now().toString()).path("transactionId").asInt();
            assertThat(sessionOf(transactionId)).isEqualTo(sessionId);

            commands.sendAndWait(new RequestRemoteStop(sessionId, "admin"));
            JsonNode stopCall = charger.expectCall("RemoteStopTransaction");
            assertThat(stopCall.get(3).path("transactionId").asInt()).isEqualTo(transactionId);
            charger.reply(stopCall, json("{\"status\":\"Accepted\"}"));
            stop(charger, transactionId, 2_000, Instant.now().toString(), ",\"reason\":\"Remote\"");
            SessionStopped stopped = only(sessionId, SessionStopped.class);
            assertThat(stopped.reason()).isEqualTo("Remote");
            // 2 kWh x 0.30 + 1.00
            assertThat(stopped.cost()).isEqualByComparingTo("1.60");
        }
    }

    @Test
    void aRejectedRemoteStartFailsTheSession() {
        String id = registerCharger("REJECT", KEY);
        String idTag = tag();
        String sessionId = UUID.randomUUID().toString();
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            commands.sendAndWait(new RequestRemoteStart(sessionId, id, 1, idTag, "admin", Instant.now().plusSeconds(60)));
            charger.reply(charger.expectCall("RemoteStartTransaction"), json("{\"status\":\"Rejected\"}"));
            eventually(() -> assertThat(events(sessionId)).anySatisfy(e -> assertThat(e).isInstanceOf(RemoteStartRejected.class)));
        }
    }

    @Test
    void aRemoteStartTheChargerNeverFollowsUpExpires() {
        String id = registerCharger("EXPIRE", KEY);
        String idTag = tag();
        String sessionId = UUID.randomUUID().toString();
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            commands.sendAndWait(new RequestRemoteStart(sessionId, id, 1, idTag, "admin", Instant.now().plusSeconds(2)));
            charger.reply(charger.expectCall("RemoteStartTransaction"), json("{\"status\":\"Accepted\"}"));
            charger.callOk("Heartbeat", json("{}"));
            eventually(() -> assertThat(events(sessionId)).anySatisfy(e -> assertThat(e).isInstanceOf(RemoteStartExpired.class)));
            // a StartTransaction after the window is a session of its own
            int transactionId = start(charger, 1, idTag, 0, Instant.now().toString()).path("transactionId").asInt();
            assertThat(sessionOf(transactionId)).isNotEqualTo(sessionId);
        }
    }
}
