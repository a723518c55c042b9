package io.chargeledger.api.sessions;

import static io.chargeledger.api.sessions.SessionCommands.EUR_030_PLUS_FEE;
import static io.chargeledger.api.sessions.SessionCommands.register;
import static io.chargeledger.api.sessions.SessionCommands.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.OcppTestClient;
import io.chargeledger.api.support.TestChargers;
import io.chargeledger.ocpp.sessions.TransactionRegistry;
import io.chargeledger.projections.api.FindMeterSamples;
import io.chargeledger.projections.api.MeterSampleSummary;
import io.chargeledger.projections.session.SessionViewProjector;
import io.chargeledger.session.api.AuthorizationStatus;
import io.chargeledger.session.api.CloseSupersededSession;
import io.chargeledger.session.api.ExpireRemoteStart;
import io.chargeledger.session.api.FlagSessionAnomaly;
import io.chargeledger.session.api.MeterSample;
import io.chargeledger.session.api.RequestRemoteStart;
import io.chargeledger.session.api.SessionAnomalies;
import io.chargeledger.session.api.Tariff;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The session read model and meter samples, built from session events sent as commands (as the OCPP adapter would
 * send them) and read back over REST: totals, times, anomalies and history filters, asserted exactly.
 */
class SessionReadModelTest extends ApiIntegrationTest {

    private static final String KEY = "session-view-key-0123456789";
    private static final Instant T0 = Instant.parse("2025-03-14T08:00:00Z");

    @Autowired
    CommandGateway commandGateway;
    @Autowired
    TransactionRegistry transactions;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    QueryGateway queryGateway;

    SessionCommands sessions;

    @BeforeEach
    void commands() {
        sessions = new SessionCommands(commandGateway, transactions);
    }

    private JsonNode awaitSession(String sessionId, Predicate<JsonNode> condition) {
        List<JsonNode> last = new ArrayList<>(1);
        eventually(() -> {
            var response = admin().get("/api/sessions/" + sessionId);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            last.clear();
            last.add(response.json());
            assertThat(condition.test(response.json())).as(response.body()).isTrue();
        });
        return last.get(0);
    }

    /** Amounts are checked in the raw body: a JSON tree would read 4.70 as the double 4.7. */
    private String raw(String sessionId) {
        return admin().get("/api/sessions/" + sessionId).body();
    }

    private static Predicate<JsonNode> status(String status) {
        return json -> json.path("status").asText().equals(status);
    }

    @Test
    void aStoppedSessionShowsItsExactTotalsTimesAndTariff() {
        String cp = TestChargers.uniqueId("VIEW");
        String sessionId = sessions.start(cp, 2, "tag-view-1", 1_000, T0, EUR_030_PLUS_FEE);
        sessions.meterValues(sessionId, register(T0.plusSeconds(600), "5000"),
                sample(T0.plusSeconds(600), "Power.Active.Import", null, "kW", "7.360"));
        sessions.stop(sessionId, 13_345, T0.plusSeconds(3600), null, register(T0.plusSeconds(3600), "13345"));

        JsonNode view = awaitSession(sessionId, status("STOPPED"));

        assertThat(view.path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(view.path("transactionId").asInt()).isPositive();
        assertThat(view.path("chargePointId").asText()).isEqualTo(cp);
        assertThat(view.path("connectorId").asInt()).isEqualTo(2);
        assertThat(view.path("idTag").asText()).isEqualTo("TAG-VIEW-1");
        assertThat(view.path("authorized").asBoolean()).isTrue();
        assertThat(view.path("authorizationStatus").asText()).isEqualTo("Accepted");
        assertThat(view.path("meterStartWh").asLong()).isEqualTo(1_000);
        assertThat(view.path("meterStopWh").asLong()).isEqualTo(13_345);
        assertThat(view.path("energyWh").asLong()).isEqualTo(12_345);
        // 12.345 kWh x 0.30 + 1.00 = 4.7035, rounded once to 4.70
        assertThat(raw(sessionId)).contains("\"cost\":4.70,");
        assertThat(view.path("currency").asText()).isEqualTo("EUR");
        assertThat(view.path("tariff").path("pricePerKwh").decimalValue()).isEqualByComparingTo("0.30");
        assertThat(view.path("tariff").path("sessionFee").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(view.path("tariff").path("currency").asText()).isEqualTo("EUR");
        assertThat(view.path("startedAt").asText()).isEqualTo("2025-03-14T08:00:00Z");
        assertThat(view.path("beganAt").asText()).isEqualTo("2025-03-14T08:00:00Z");
        assertThat(view.path("startReceivedAt").asText()).isEqualTo("2025-03-14T08:00:00.250Z");
        assertThat(view.path("stoppedAt").asText()).isEqualTo("2025-03-14T09:00:00Z");
        assertThat(view.path("stopReceivedAt").asText()).isEqualTo("2025-03-14T09:00:00.300Z");
        assertThat(view.path("stopReason").asText()).isEqualTo("Local");
        assertThat(view.path("lastMeterValueAt").asText()).isEqualTo("2025-03-14T09:00:00Z");
        assertThat(view.path("anomalies").size()).isZero();
        assertThat(view.path("requestedBy").isNull()).isTrue();
    }

    @Test
    void meterValuesAreKeptPerSampledValueInTimeOrderWithExactValues() {
        String cp = TestChargers.uniqueId("CHART");
        String sessionId = sessions.start(cp, 1, "tag-chart", 0, T0, null);
        sessions.meterValues(sessionId,
                sample(T0.plusSeconds(120), "Voltage", "L1", "V", "230.10"),
                sample(T0.plusSeconds(120), "Voltage", "L2", "V", "229.95"),
                register(T0.plusSeconds(120), "250"));
        sessions.meterValues(sessionId, register(T0.plusSeconds(60), "120.5"));
        sessions.stop(sessionId, 400, T0.plusSeconds(180), "EVDisconnected");
        sessions.meterValues(sessionId, register(T0.plusSeconds(240), "410"));

        JsonNode view = awaitSession(sessionId, json -> json.path("lastMeterValueAt").asText()
                .equals("2025-03-14T08:04:00Z"));
        assertThat(view.path("cost").isNull()).isTrue();
        assertThat(view.path("tariff").isNull()).isTrue();
        assertThat(view.path("energyWh").asLong()).isEqualTo(400);
        assertThat(view.path("stopReason").asText()).isEqualTo("EVDisconnected");

        JsonNode samples = admin().get("/api/sessions/" + sessionId + "/meter-values").json();
        assertThat(samples.size()).isEqualTo(5);
        assertThat(samples.get(0).path("timestamp").asText()).isEqualTo("2025-03-14T08:01:00Z");
        assertThat(samples.get(0).path("value").decimalValue()).isEqualByComparingTo("120.5");
        assertThat(samples.get(1).path("measurand").asText()).isEqualTo("Voltage");
        assertThat(samples.get(1).path("phase").asText()).isEqualTo("L1");
        assertThat(samples.get(1).path("unit").asText()).isEqualTo("V");
        assertThat(samples.get(1).path("context").asText()).isEqualTo("Sample.Periodic");
        assertThat(samples.get(1).path("location").asText()).isEqualTo("Outlet");
        assertThat(samples.get(1).path("value").decimalValue()).isEqualByComparingTo("230.10");
        assertThat(samples.get(2).path("value").decimalValue()).isEqualByComparingTo("229.95");
        // values keep the charger's own precision
        assertThat(admin().get("/api/sessions/" + sessionId + "/meter-values").body())
                .contains("\"value\":230.10,").contains("\"value\":120.5,");
        assertThat(samples.get(3).path("measurand").asText()).isEqualTo("Energy.Active.Import.Register");
        assertThat(samples.get(3).path("afterStop").asBoolean()).isFalse();
        assertThat(samples.get(4).path("afterStop").asBoolean()).isTrue();

        JsonNode voltages = admin().get("/api/sessions/" + sessionId + "/meter-values?measurand=Voltage").json();
        assertThat(voltages.size()).isEqualTo(2);
    }

    // Samples are read from the session's own events: a chart shows them even while the session view is stopped.
    @Test
    void samplesComeFromTheSessionsEventsNotFromTheSessionView() {
        String cp = TestChargers.uniqueId("EVENTS");
        String sessionId = sessions.start(cp, 1, "tag-events", 0, T0, null);
        awaitSession(sessionId, status("ACTIVE"));
        StreamingEventProcessor processor = processing
                .eventProcessor(SessionViewProjector.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        try {
            sessions.meterValues(sessionId, register(T0.plusSeconds(60), "75.5"));
            List<MeterSampleSummary> samples = queryGateway.query(new FindMeterSamples(sessionId),
                    ResponseTypes.multipleInstancesOf(MeterSampleSummary.class)).join();
            assertThat(samples).hasSize(1);
            assertThat(samples.get(0).timestamp()).isEqualTo(T0.plusSeconds(60));
            assertThat(samples.get(0).value()).isEqualByComparingTo("75.5");
            assertThat(admin().get("/api/sessions/" + sessionId).json().path("lastMeterValueAt").isNull()).isTrue();
        } finally {
            processor.start();
        }
        assertThat(queryGateway.query(new FindMeterSamples(UUID.randomUUID().toString()),
                ResponseTypes.multipleInstancesOf(MeterSampleSummary.class)).join()).isEmpty();
    }

    // A batch that holds nothing but MeterValues of a session updates its row in place (the row is not loaded): still
    // the latest sample time wins, the version follows the last event, and later events build on that row.
    @Test
    void meterValuesOfABatchThatHoldsNoOtherEventOfTheSessionKeepTheViewsRules() {
        String cp = TestChargers.uniqueId("INPLACE");
        String sessionId = sessions.start(cp, 1, "tag-inplace", 0, T0, null);
        long startedVersion = awaitSession(sessionId, status("ACTIVE")).path("version").asLong();
        StreamingEventProcessor processor = processing
                .eventProcessor(SessionViewProjector.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        try {
            sessions.meterValues(sessionId, register(T0.plusSeconds(120), "200"));
            // an older sample, sent later
            sessions.meterValues(sessionId, register(T0.plusSeconds(60), "100"));
        } finally {
            processor.start();
        }

        JsonNode metered = awaitSession(sessionId, json -> json.path("version").asLong() == startedVersion + 2);
        assertThat(metered.path("lastMeterValueAt").asText()).isEqualTo("2025-03-14T08:02:00Z");
        assertThat(metered.path("status").asText()).isEqualTo("ACTIVE");

        sessions.stop(sessionId, 300, T0.plusSeconds(180), null);
        JsonNode stopped = awaitSession(sessionId, status("STOPPED"));
        assertThat(stopped.path("lastMeterValueAt").asText()).isEqualTo("2025-03-14T08:02:00Z");
        assertThat(stopped.path("version").asLong()).isGreaterThan(startedVersion + 2);
        assertThat(stopped.path("energyWh").asLong()).isEqualTo(300);
    }

    // Values from chargers that would end a field or row in COPY's text format, or mean null there (\N), come back as sent.
    @Test
    void sampleTextsAreKeptAsSentWhateverCharactersTheyHold() {
        String cp = TestChargers.uniqueId("COPY");
        String sessionId = sessions.start(cp, 1, "tag-copy", 0, T0, null);
        sessions.meterValues(sessionId,
                new MeterSample(T0.plusNanos(123_456_000), "Custom\tMeasurand", "\\N", "k\\Wh", "Line\nBreak\r",
                        null, new BigDecimal("-0.0010")),
                new MeterSample(T0.plusSeconds(1), "Pow\u00e9r \u26a1", null, null, null, "\\", new BigDecimal("1E+3")));

        awaitSession(sessionId, json -> json.path("lastMeterValueAt").asText().equals("2025-03-14T08:00:01Z"));
        JsonNode samples = admin().get("/api/sessions/" + sessionId + "/meter-values").json();
        assertThat(samples.size()).isEqualTo(2);
        assertThat(samples.get(0).path("timestamp").asText()).isEqualTo("2025-03-14T08:00:00.123456Z");
        assertThat(samples.get(0).path("measurand").asText()).isEqualTo("Custom\tMeasurand");
        assertThat(samples.get(0).path("phase").asText()).isEqualTo("\\N");
        assertThat(samples.get(0).path("unit").asText()).isEqualTo("k\\Wh");
        assertThat(samples.get(0).path("context").asText()).isEqualTo("Line\nBreak\r");
        assertThat(samples.get(0).path("value").decimalValue()).isEqualByComparingTo("-0.0010");
        assertThat(samples.get(1).path("measurand").asText()).isEqualTo("Pow\u00e9r \u26a1");
        assertThat(samples.get(1).path("phase").isNull()).isTrue();
        assertThat(samples.get(1).path("location").asText()).isEqualTo("\\");
        assertThat(samples.get(1).path("value").decimalValue()).isEqualByComparingTo("1000");
    }

    @Test
    void anUnauthorizedStartAndOddReadingsAreShownAsSuch() {
        String cp = TestChargers.uniqueId("ODD");
        String sessionId = sessions.start(cp, 1, "tag-odd", 5_000, T0, EUR_030_PLUS_FEE, AuthorizationStatus.Blocked);
        commandGateway.sendAndWait(new FlagSessionAnomaly(sessionId, SessionAnomalies.CHARGER_REBOOTED_MID_SESSION,
                "BootNotification at 08:30"));
        sessions.stop(sessionId, 4_000, T0.plusSeconds(1800), "Reboot");

        JsonNode view = awaitSession(sessionId, status("STOPPED"));

        assertThat(view.path("authorized").asBoolean()).isFalse();
        assertThat(view.path("authorizationStatus").asText()).isEqualTo("Blocked");
        assertThat(view.path("energyWh").asLong()).isZero();
        assertThat(raw(sessionId)).contains("\"cost\":1.00,");
        assertThat(view.path("anomalies").size()).isEqualTo(2);
        assertThat(view.path("anomalies").get(0).path("code").asText())
                .isEqualTo(SessionAnomalies.CHARGER_REBOOTED_MID_SESSION);
        assertThat(view.path("anomalies").get(0).path("detail").asText()).isEqualTo("BootNotification at 08:30");
        assertThat(view.path("anomalies").get(1).path("code").asText())
                .isEqualTo(SessionAnomalies.METER_STOP_BEFORE_START);
        assertThat(view.path("anomalies").get(1).path("detail").isNull()).isTrue();
    }

    @Test
    void aSupersededSessionStopsAtItsLastRegisterReading() {
        String cp = TestChargers.uniqueId("SUP");
        String old = sessions.start(cp, 1, "tag-sup", 100, T0, new Tariff(new BigDecimal("0.25"), "EUR", null));
        sessions.meterValues(old, register(T0.plusSeconds(60), "2100.9"));
        String replacement = UUID.randomUUID().toString();
        commandGateway.sendAndWait(new CloseSupersededSession(old, T0.plusSeconds(120), replacement));

        JsonNode view = awaitSession(old, status("STOPPED"));

        assertThat(view.path("stopReason").asText()).isEqualTo("Superseded");
        assertThat(view.path("supersededBy").asText()).isEqualTo(replacement);
        assertThat(view.path("meterStopWh").asLong()).isEqualTo(2100);
        assertThat(view.path("energyWh").asLong()).isEqualTo(2000);
        assertThat(raw(old)).contains("\"cost\":0.50,");
        assertThat(view.path("anomalies").get(0).path("code").asText())
                .isEqualTo(SessionAnomalies.SUPERSEDED_BY_NEW_START);
    }

    @Test
    void aRemoteStartIsPendingThenActiveWhenTheChargerStarts() {
        String cp = registerCharger("RSV", KEY);
        try (OcppTestClient charger = connectBooted(cp, KEY)) {
            String sessionId = UUID.randomUUID().toString();
            Instant expiresAt = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
            commandGateway.sendAndWait(new RequestRemoteStart(sessionId, cp, 1, "tag-remote", "operator-7", expiresAt));

            JsonNode pending = awaitSession(sessionId, status("PENDING_REMOTE_START"));
            assertThat(pending.path("requestedBy").asText()).isEqualTo("operator-7");
            assertThat(pending.path("remoteStartExpiresAt").asText()).isEqualTo(expiresAt.toString());
            assertThat(pending.path("idTag").asText()).isEqualTo("TAG-REMOTE");
            assertThat(pending.path("transactionId").isNull()).isTrue();
            assertThat(pending.path("beganAt").asText()).isEqualTo(pending.path("requestedAt").asText());

            charger.reply(charger.expectCall("RemoteStartTransaction"), OcppTestClient.json("{\"status\":\"Accepted\"}"));
            awaitSession(sessionId, json -> json.path("remoteStartAccepted").asBoolean());

            Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            sessions.startRequested(sessionId, cp, 1, "TAG-REMOTE", 42, startedAt, EUR_030_PLUS_FEE,
                    AuthorizationStatus.Accepted);
            JsonNode active = awaitSession(sessionId, status("ACTIVE"));
            assertThat(active.path("requestedBy").asText()).isEqualTo("operator-7");
            assertThat(active.path("transactionId").asInt()).isPositive();
            assertThat(active.path("meterStartWh").asLong()).isEqualTo(42);
            assertThat(active.path("beganAt").asText()).isEqualTo(startedAt.toString());
        }
    }

    @Test
    void aRemoteStartThatStartsBeforeItsAnswerIsRecordedShowsAsAccepted() {
        String cp = registerCharger("RSA", KEY);
        try (OcppTestClient charger = connectBooted(cp, KEY)) {
            String sessionId = UUID.randomUUID().toString();
            commandGateway.sendAndWait(new RequestRemoteStart(sessionId, cp, 1, "tag-early", "operator-7",
                    Instant.now().plusSeconds(60)));
            charger.expectCall("RemoteStartTransaction"); // not answered yet: the start comes first
            sessions.startRequested(sessionId, cp, 1, "TAG-EARLY", 0, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    null, AuthorizationStatus.Accepted);

            JsonNode active = awaitSession(sessionId, status("ACTIVE"));
            assertThat(active.path("remoteStartAccepted").asBoolean()).isTrue();
        }
    }

    @Test
    void aRemoteStartTheChargerRejectsOrNeverStartsFails() {
        String cp = registerCharger("RSF", KEY);
        try (OcppTestClient charger = connectBooted(cp, KEY)) {
            String rejected = UUID.randomUUID().toString();
            commandGateway.sendAndWait(new RequestRemoteStart(rejected, cp, null, "tag-rej", "admin",
                    Instant.now().plusSeconds(60)));
            charger.reply(charger.expectCall("RemoteStartTransaction"), OcppTestClient.json("{\"status\":\"Rejected\"}"));
            JsonNode view = awaitSession(rejected, status("REMOTE_START_REJECTED"));
            assertThat(view.path("remoteStartAccepted").asBoolean()).isFalse();
            assertThat(view.path("connectorId").isNull()).isTrue();

            String expired = UUID.randomUUID().toString();
            Instant expiresAt = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
            commandGateway.sendAndWait(new RequestRemoteStart(expired, cp, 1, "tag-exp", "admin", expiresAt));
            charger.expectCall("RemoteStartTransaction");
            commandGateway.sendAndWait(new ExpireRemoteStart(expired, expiresAt));
            JsonNode expiredView = awaitSession(expired, status("REMOTE_START_EXPIRED"));
            assertThat(expiredView.path("remoteStartExpiredAt").asText()).isEqualTo(expiresAt.toString());
        }
    }

    @Test
    void historyFiltersByChargerTagStatusAndTimeNewestFirst() {
        String cp = TestChargers.uniqueId("HIST");
        String other = TestChargers.uniqueId("HIST");
        String tag = "h" + UUID.randomUUID().toString().substring(0, 8);
        String first = sessions.start(cp, 1, tag, 0, T0, null);
        sessions.stop(first, 1000, T0.plusSeconds(1800), null);
        String second = sessions.start(cp, 1, tag, 1000, T0.plusSeconds(3600), null);
        sessions.stop(second, 2000, T0.plusSeconds(5400), null);
        String third = sessions.start(cp, 2, "other-tag", 0, T0.plusSeconds(7200), null);
        String elsewhere = sessions.start(other, 1, tag, 0, T0.plusSeconds(7200), null);
        awaitSession(second, status("STOPPED"));
        awaitSession(third, status("ACTIVE"));
        awaitSession(elsewhere, status("ACTIVE"));

        assertThat(ids("/api/sessions?chargePointId=" + cp)).containsExactly(third, second, first);
        assertThat(ids("/api/sessions?chargePointId=" + cp + "&status=STOPPED")).containsExactly(second, first);
        assertThat(ids("/api/sessions?chargePointId=" + cp + "&status=active")).containsExactly(third);
        assertThat(ids("/api/sessions?idTag=" + tag.toUpperCase())).containsExactly(elsewhere, second, first);
        assertThat(ids("/api/sessions?idTag=" + tag + "&chargePointId=" + other)).containsExactly(elsewhere);
        assertThat(ids("/api/sessions?chargePointId=" + cp + "&from=2025-03-14T09:00:00Z&to=2025-03-14T10:00:00Z"))
                .containsExactly(second);
        assertThat(ids("/api/sessions?chargePointId=" + cp + "&from=2025-03-14T10:00:00%2B01:00"))
                .containsExactly(third, second);
        assertThat(ids("/api/sessions?chargePointId=" + cp + "&to=2025-03-14T08:00:00.001Z")).containsExactly(first);

        JsonNode page = admin().get("/api/sessions?chargePointId=" + cp + "&size=2&page=1").json();
        assertThat(page.path("totalElements").asInt()).isEqualTo(3);
        assertThat(page.path("totalPages").asInt()).isEqualTo(2);
        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("content").size()).isEqualTo(1);
        assertThat(page.path("content").get(0).path("sessionId").asText()).isEqualTo(first);
    }

    @Test
    void aReplayRebuildsTheSameSessionsAndSamples() {
        String cp = TestChargers.uniqueId("REPLAY");
        String sessionId = sessions.start(cp, 1, "tag-replay", 10, T0, EUR_030_PLUS_FEE);
        sessions.meterValues(sessionId, register(T0.plusSeconds(60), "510"), register(T0.plusSeconds(120), "1010"));
        sessions.stop(sessionId, 1510, T0.plusSeconds(180), null);
        // a remote start's view is created by the request and completed by the start: in a replay, within one batch
        String remote = UUID.randomUUID().toString();
        String remoteCp = registerCharger("REPLAYR", KEY);
        try (OcppTestClient charger = connectBooted(remoteCp, KEY)) {
            commandGateway.sendAndWait(new RequestRemoteStart(remote, remoteCp, 2, "tag-replay", "operator-7",
                    Instant.now().plusSeconds(60)));
            charger.reply(charger.expectCall("RemoteStartTransaction"), OcppTestClient.json("{\"status\":\"Accepted\"}"));
            awaitSession(remote, json -> json.path("remoteStartAccepted").asBoolean());
            sessions.startRequested(remote, remoteCp, 2, "tag-replay", 0, T0, null, AuthorizationStatus.Accepted);
            sessions.meterValues(remote, register(T0.plusSeconds(60), "700"));
        }
        JsonNode before = awaitSession(sessionId, status("STOPPED"));
        JsonNode remoteBefore = awaitSession(remote, json -> !json.path("lastMeterValueAt").isNull());
        String samplesBefore = admin().get("/api/sessions/" + sessionId + "/meter-values").body();

        StreamingEventProcessor processor = processing
                .eventProcessor(SessionViewProjector.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        eventually(() -> assertThat(processor.isReplaying()).isFalse());

        JsonNode after = awaitSession(sessionId, status("STOPPED"));
        assertThat(after).isEqualTo(before);
        assertThat(awaitSession(remote, status("ACTIVE"))).isEqualTo(remoteBefore);
        assertThat(remoteBefore.path("requestedBy").asText()).isEqualTo("operator-7");
        assertThat(admin().get("/api/sessions/" + sessionId + "/meter-values").body()).isEqualTo(samplesBefore);
        assertThat(admin().get("/api/sessions/" + sessionId + "/meter-values").json().size()).isEqualTo(2);
    }

    private List<String> ids(String path) {
        var response = admin().get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().path("content").forEach(s -> ids.add(s.path("sessionId").asText()));
        return ids;
    }
}
