package io.chargeledger.api.ocpp;

import static io.chargeledger.api.support.OcppTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.OcppTestClient;
import io.chargeledger.charger.api.ChargerConnected;
import io.chargeledger.charger.api.ChargerDisconnected;
import io.chargeledger.charger.api.MarkConnected;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Connections over time: boot, status, reconnect, watchdog, liveness and crash recovery. */
class OcppConnectionLifecycleTest extends ApiIntegrationTest {

    private static final String KEY = "lifecycle-key-0123456789";

    @Autowired
    EventStore eventStore;
    @Autowired
    CommandGateway commands;
    @Autowired
    ConnectionRecovery recovery;

    private List<Object> events(String chargePointId) {
        return eventStore.readEvents(chargePointId).asStream().map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
    }

    private long count(String chargePointId, Class<?> type) {
        return events(chargePointId).stream().filter(type::isInstance).count();
    }

    @Test
    void bootIsAcceptedAndTheChargerViewShowsItOnline() {
        String id = registerCharger("BOOT", KEY);
        try (OcppTestClient client = OcppTestClient.to(ocppUrl(id)).basicAuth(id, KEY).connect()) {
            JsonNode answer = client.boot();
            assertThat(answer.path("status").asText()).isEqualTo("Accepted");
            assertThat(answer.path("interval").asInt()).isEqualTo(3);
            assertThat(Duration.between(Instant.parse(answer.path("currentTime").asText()), Instant.now()).abs())
                    .isLessThan(Duration.ofSeconds(5));

            eventually(() -> {
                JsonNode view = admin().get("/api/chargers/" + id).json();
                assertThat(view.path("connected").asBoolean()).isTrue();
                assertThat(view.path("connectedSince").isTextual()).isTrue();
                assertThat(view.path("registrationStatus").asText()).isEqualTo("ACCEPTED");
                assertThat(view.path("boot").path("firmwareVersion").asText()).isEqualTo("1.0.0");
                assertThat(view.path("boot").path("iccid").asText()).isEqualTo("8931000000000000001");
                assertThat(view.path("boot").path("meterType").asText()).isEqualTo("TestMeter");
                assertThat(view.path("nodeId").asText()).isEqualTo("test-node");
            });
        }
        eventually(() -> assertThat(admin().get("/api/chargers/" + id).json().path("connected").asBoolean()).isFalse());
        assertThat(count(id, ChargerConnected.class)).isEqualTo(1);
        assertThat(count(id, ChargerDisconnected.class)).isEqualTo(1);
    }

    @Test
    void acceptanceSurvivesAReconnectWithoutANewBoot() {
        String id = registerCharger("REBOOT", KEY);
        try (OcppTestClient client = connectBooted(id, KEY)) {
            assertThat(client.callOk("Heartbeat", json("{}")).has("currentTime")).isTrue();
        }
        try (OcppTestClient client = OcppTestClient.to(ocppUrl(id)).basicAuth(id, KEY).connect()) {
            assertThat(client.callOk("Heartbeat", json("{}")).has("currentTime")).isTrue();
        }
    }

    @Test
    void statusNotificationsBuildTheConnectorRowsAndRepeatsStoreNothing() {
        String id = registerCharger("STATUS", KEY);
        try (OcppTestClient client = connectBooted(id, KEY)) {
            client.callOk("StatusNotification", json("{\"connectorId\":0,\"errorCode\":\"NoError\",\"status\":\"Available\"}"));
            client.callOk("StatusNotification", json("{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Available\","
                    + "\"timestamp\":\"2026-11-25T10:00:00Z\"}"));
            int before = events(id).size();
            client.callOk("StatusNotification", json("{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Available\","
                    + "\"timestamp\":\"2026-11-25T10:00:30Z\"}"));
            assertThat(events(id)).hasSize(before);
            client.callOk("StatusNotification", json("{\"connectorId\":2,\"errorCode\":\"GroundFailure\",\"status\":\"Faulted\","
                    + "\"info\":\"RCD tripped\",\"vendorErrorCode\":\"E17\",\"timestamp\":\"2026-11-25T10:01:00+01:00\"}"));
            assertThat(events(id)).hasSize(before + 1);

            eventually(() -> {
                JsonNode connectors = admin().get("/api/chargers/" + id).json().path("connectors");
                assertThat(connectors).hasSize(3);
                assertThat(connectors.get(1).path("status").asText()).isEqualTo("Available");
                assertThat(connectors.get(2).path("status").asText()).isEqualTo("Faulted");
                assertThat(connectors.get(2).path("errorCode").asText()).isEqualTo("GroundFailure");
                assertThat(connectors.get(2).path("vendorErrorCode").asText()).isEqualTo("E17");
                assertThat(connectors.get(2).path("timestamp").asText()).isEqualTo("2026-11-25T09:01:00Z");
            });
        }
    }

    @Test
    void firmwareAndDiagnosticsStatusAreRecorded() {
        String id = registerCharger("FW", KEY);
        try (OcppTestClient client = connectBooted(id, KEY)) {
            client.callOk("FirmwareStatusNotification", json("{\"status\":\"Installed\"}"));
            client.callOk("DiagnosticsStatusNotification", json("{\"status\":\"Uploaded\"}"));
            eventually(() -> {
                JsonNode view = admin().get("/api/chargers/" + id).json();
                assertThat(view.path("firmwareStatus").asText()).isEqualTo("Installed");
                assertThat(view.path("diagnosticsStatus").asText()).isEqualTo("Uploaded");
            });
        }
    }

    @Test
    void aReconnectWhileTheOldSocketIsOpenReplacesItWithoutDuplicateEvents() {
        String id = registerCharger("TWICE", KEY);
        OcppTestClient first = connectBooted(id, KEY);
        try (OcppTestClient second = OcppTestClient.to(ocppUrl(id)).basicAuth(id, KEY).connect()) {
            assertThat(first.awaitClose(Duration.ofSeconds(5))).isEqualTo(1000);
            assertThat(second.callOk("Heartbeat", json("{}")).has("currentTime")).isTrue();
            eventually(() -> assertThat(admin().get("/api/chargers/" + id).json().path("connected").asBoolean()).isTrue());
            List<String> connectionEvents = events(id).stream()
                    .filter(e -> e instanceof ChargerConnected || e instanceof ChargerDisconnected)
                    .map(e -> e instanceof ChargerConnected c ? "connected:" + c.connectionId()
                            : "disconnected:" + ((ChargerDisconnected) e).connectionId())
                    .toList();
            assertThat(connectionEvents).hasSize(3);
            String firstConnection = connectionEvents.get(0).substring("connected:".length());
            assertThat(connectionEvents.get(1)).isEqualTo("disconnected:" + firstConnection);
            assertThat(connectionEvents.get(2)).startsWith("connected:").isNotEqualTo(connectionEvents.get(0));
        }
    }

    @Test
    void aSilentChargerIsDisconnectedByTheWatchdog() {
        String id = registerCharger("SILENT", KEY);
        try (OcppTestClient client = connectBooted(id, KEY)) {
            // heartbeat interval 3 s + grace 2 s in tests: silence limit 8 s
            int code = client.awaitClose(Duration.ofSeconds(20));
            assertThat(code).isEqualTo(1001);
            eventually(() -> assertThat(admin().get("/api/chargers/" + id).json().path("connected").asBoolean()).isFalse());
            assertThat(events(id).stream().filter(e -> e instanceof ChargerDisconnected)
                    .map(e -> ((ChargerDisconnected) e).reason())).singleElement().asString().startsWith("Heartbeat timeout");
        }
    }

    @Test
    void heartbeatsRefreshLastSeenWithoutAnEventPerHeartbeat() throws InterruptedException {
        String id = registerCharger("HB", KEY);
        try (OcppTestClient client = connectBooted(id, KEY)) {
            Instant afterBoot = Instant.now();
            int eventsAfterBoot = events(id).size();
            for (int i = 0; i < 12; i++) {
                client.callOk("Heartbeat", json("{}"));
                Thread.sleep(500);
            }
            // lastSeen reaches the read model within the flush interval (1 s in tests)
            eventually(() -> assertThat(Instant.parse(admin().get("/api/chargers/" + id).json().path("lastSeen").asText()))
                    .isAfter(afterBoot.plusSeconds(4)));
            // 12 heartbeats over 6 s with a 2 s liveness period: a handful of ChargerSeen events, not 12
            long seenEvents = events(id).size() - eventsAfterBoot;
            assertThat(seenEvents).isBetween(1L, 4L);
        }
    }

    @Test
    void chargersLeftOnlineByACrashedRunAreRecordedDisconnected() {
        String id = registerCharger("CRASH", KEY);
        // what a node that died leaves behind: the store says connected to this node, but no socket exists
        commands.sendAndWait(new MarkConnected(id, "connection-of-a-dead-run", "test-node", "10.0.0.1", "ocpp1.6", 1));
        eventually(() -> assertThat(admin().get("/api/chargers/" + id).json().path("connected").asBoolean()).isTrue());

        assertThat(recovery.recover()).isGreaterThanOrEqualTo(1);

        eventually(() -> assertThat(admin().get("/api/chargers/" + id).json().path("connected").asBoolean()).isFalse());
        assertThat(events(id).stream().filter(e -> e instanceof ChargerDisconnected)
                .map(e -> ((ChargerDisconnected) e).reason())).singleElement().asString().contains("restarted");
    }

    @Test
    void recoveryLeavesLiveConnectionsAlone() {
        String id = registerCharger("LIVE", KEY);
        try (OcppTestClient client = connectBooted(id, KEY)) {
            eventually(() -> assertThat(admin().get("/api/chargers/" + id).json().path("connected").asBoolean()).isTrue());
            recovery.recover();
            assertThat(client.callOk("Heartbeat", json("{}")).has("currentTime")).isTrue();
            assertThat(count(id, ChargerDisconnected.class)).isZero();
        }
    }

    @Test
    void metricsCountConnectionsAndMessagesByActionAndOutcome() {
        String id = registerCharger("METRIC", KEY);
        try (OcppTestClient client = connectBooted(id, KEY)) {
            client.callOk("Heartbeat", json("{}"));
            client.call("Heartbeat", json("{\"unexpected\":1}"));
            JsonNode connections = admin().get("/actuator/metrics/ocpp.connections").json();
            assertThat(connections.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1.0);
            JsonNode ok = admin().get("/actuator/metrics/ocpp.messages.inbound?tag=action:Heartbeat&tag=outcome:result").json();
            assertThat(ok.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1.0);
            JsonNode rejected = admin().get(
                    "/actuator/metrics/ocpp.messages.inbound?tag=action:Heartbeat&tag=outcome:FormationViolation").json();
            assertThat(rejected.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1.0);
            assertThat(admin().get("/actuator/metrics/ocpp.processing").status()).isEqualTo(200);
            String prometheus = admin().get("/actuator/prometheus").body();
            assertThat(prometheus).contains("ocpp_connections").contains("ocpp_messages_inbound_total");
            assertThat(admin().anonymous().get("/actuator/metrics").status()).isEqualTo(401);
        }
    }
}
