package io.chargeledger.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.simulator.FakeCentralSystem.Frame;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The charge point's answers to every central-system request it knows, and to bad frames. */
class CentralSystemCallsTest extends SimulatorTestSupport {

    private static final String ID = "SIM-00001";

    @Test
    void answersEveryCentralSystemRequestWithSchemaValidPayloads() {
        cs.heartbeatInterval = 2;
        start(fast(Scenario.IDLE, 1).connectors(2));
        awaitAccepted(ID);

        // GetConfiguration: everything, then selected keys with an unknown one
        JsonNode all = callAndWait(ID, "GetConfiguration", FakeCentralSystem.payload());
        Map<String, JsonNode> keys = new java.util.HashMap<>();
        all.get("configurationKey").forEach(k -> keys.put(k.get("key").asText(), k));
        assertThat(keys).containsKeys("HeartbeatInterval", "MeterValueSampleInterval", "NumberOfConnectors",
                "AuthorizeRemoteTxRequests", "MeterValuesSampledData", "SupportedFeatureProfiles");
        assertThat(keys.get("HeartbeatInterval").get("value").asText()).as("interval from BootNotification.conf").isEqualTo("2");
        assertThat(keys.get("NumberOfConnectors").get("value").asText()).isEqualTo("2");
        assertThat(keys.get("NumberOfConnectors").get("readonly").asBoolean()).isTrue();
        assertThat(keys.get("HeartbeatInterval").get("readonly").asBoolean()).isFalse();
        assertThat(all.has("unknownKey")).isFalse();
        JsonNode some = callAndWait(ID, "GetConfiguration", json("key", List.of("heartbeatinterval", "NoSuchKey")));
        assertThat(some.get("configurationKey")).hasSize(1);
        assertThat(some.get("configurationKey").get(0).get("key").asText()).isEqualTo("HeartbeatInterval");
        assertThat(some.get("unknownKey").get(0).asText()).isEqualTo("NoSuchKey");

        // ChangeConfiguration
        assertThat(status("ChangeConfiguration", json("key", "MeterValueSampleInterval", "value", "30"))).isEqualTo("Accepted");
        assertThat(status("ChangeConfiguration", json("key", "NumberOfConnectors", "value", "3"))).isEqualTo("Rejected");
        assertThat(status("ChangeConfiguration", json("key", "HeartbeatInterval", "value", "soon"))).isEqualTo("Rejected");
        assertThat(status("ChangeConfiguration", json("key", "NoSuchKey", "value", "1"))).isEqualTo("NotSupported");
        assertThat(callAndWait(ID, "GetConfiguration", json("key", List.of("MeterValueSampleInterval")))
                .get("configurationKey").get(0).get("value").asText()).isEqualTo("30");

        // TriggerMessage: accepted first, then the requested message follows
        int before = cs.frames(ID).size();
        assertThat(status("TriggerMessage", json("requestedMessage", "Heartbeat"))).isEqualTo("Accepted");
        awaitCallAfter(before, "Heartbeat");
        before = cs.frames(ID).size();
        assertThat(status("TriggerMessage", json("requestedMessage", "StatusNotification", "connectorId", 2))).isEqualTo("Accepted");
        Frame status = awaitCallAfter(before, "StatusNotification");
        assertThat(status.payload().get("connectorId").asInt()).isEqualTo(2);
        before = cs.frames(ID).size();
        assertThat(status("TriggerMessage", json("requestedMessage", "MeterValues", "connectorId", 1))).isEqualTo("Accepted");
        Frame meter = awaitCallAfter(before, "MeterValues");
        assertThat(meter.payload().get("connectorId").asInt()).isEqualTo(1);
        assertThat(meter.payload().has("transactionId")).isFalse();
        assertThat(meter.payload().get("meterValue").get(0).get("sampledValue").get(0).get("context").asText()).isEqualTo("Trigger");
        before = cs.frames(ID).size();
        assertThat(status("TriggerMessage", json("requestedMessage", "DiagnosticsStatusNotification"))).isEqualTo("Accepted");
        assertThat(awaitCallAfter(before, "DiagnosticsStatusNotification").payload().get("status").asText()).isEqualTo("Idle");
        before = cs.frames(ID).size();
        assertThat(status("TriggerMessage", json("requestedMessage", "FirmwareStatusNotification"))).isEqualTo("Accepted");
        assertThat(awaitCallAfter(before, "FirmwareStatusNotification").payload().get("status").asText()).isEqualTo("Idle");
        before = cs.frames(ID).size();
        assertThat(status("TriggerMessage", json("requestedMessage", "BootNotification"))).isEqualTo("Accepted");
        awaitCallAfter(before, "BootNotification");
        assertThat(status("TriggerMessage", json("requestedMessage", "Heartbeat", "connectorId", 7))).isEqualTo("Rejected");

        // ChangeAvailability: Unavailable, then Available again
        before = cs.frames(ID).size();
        assertThat(status("ChangeAvailability", json("connectorId", 2, "type", "Inoperative"))).isEqualTo("Accepted");
        assertThat(awaitCallAfter(before, "StatusNotification").payload().get("status").asText()).isEqualTo("Unavailable");
        assertThat(status("RemoteStartTransaction", json("connectorId", 2, "idTag", "X"))).isEqualTo("Rejected");
        before = cs.frames(ID).size();
        assertThat(status("ChangeAvailability", json("connectorId", 2, "type", "Operative"))).isEqualTo("Accepted");
        assertThat(awaitCallAfter(before, "StatusNotification").payload().get("status").asText()).isEqualTo("Available");
        assertThat(status("ChangeAvailability", json("connectorId", 9, "type", "Operative"))).isEqualTo("Rejected");

        // a transaction makes ChangeAvailability Scheduled
        assertThat(status("RemoteStartTransaction", json("connectorId", 1, "idTag", "SCHED"))).isEqualTo("Accepted");
        await("transaction", Duration.ofSeconds(5), () -> sim.chargePoint(ID).transactionId(1) != null);
        assertThat(status("ChangeAvailability", json("connectorId", 1, "type", "Inoperative"))).isEqualTo("Scheduled");
        assertThat(status("UnlockConnector", json("connectorId", 1))).isEqualTo("Unlocked");
        await("unlock stops the transaction", Duration.ofSeconds(5), () -> !cs.calls(ID, "StopTransaction").isEmpty());
        assertThat(cs.calls(ID, "StopTransaction").get(0).payload().get("reason").asText()).isEqualTo("UnlockCommand");
        await("scheduled change applied", Duration.ofSeconds(5),
                () -> "Unavailable".equals(sim.chargePoint(ID).connectorStatus(1)));

        assertThat(status("ClearCache", FakeCentralSystem.payload())).isEqualTo("Accepted");
        assertThat(status("DataTransfer", json("vendorId", "com.example", "messageId", "x", "data", "y")))
                .isEqualTo("UnknownVendorId");
        assertNoViolations();
    }

    @Test
    void unknownActionsAndMalformedFramesGetTheRightCallError() throws Exception {
        start(fast(Scenario.IDLE, 1));
        awaitAccepted(ID);
        assertThat(errorCode(cs.call(ID, "FlyToTheMoon", FakeCentralSystem.payload()))).isEqualTo("NotImplemented");
        assertThat(errorCode(cs.call(ID, "GetDiagnostics", json("location", "ftp://127.0.0.1/")))).isEqualTo("NotSupported");
        assertThat(errorCode(cs.call(ID, "Reset", FakeCentralSystem.payload()))).isEqualTo("OccurenceConstraintViolation");
        assertThat(errorCode(cs.call(ID, "Reset", json("type", "Medium")))).isEqualTo("PropertyConstraintViolation");
        assertThat(errorCode(cs.call(ID, "Reset", json("type", "Soft", "when", "now")))).isEqualTo("FormationViolation");
        assertThat(errorCode(cs.call(ID, "RemoteStopTransaction", json("transactionId", "seven"))))
                .isEqualTo("TypeConstraintViolation");
        assertThat(errorCode(cs.call(ID, "RemoteStartTransaction", json("idTag", "123456789012345678901"))))
                .isEqualTo("PropertyConstraintViolation");
        assertThat(errorCode(cs.sendRawExpectingAnswer(ID, "bad-1", "[2,\"bad-1\",\"Reset\"]"))).isEqualTo("FormationViolation");
        assertThat(errorCode(cs.sendRawExpectingAnswer(ID, "bad-2", "[2,\"bad-2\",\"Reset\",[]]"))).isEqualTo("FormationViolation");
        assertThat(errorCode(cs.sendRawExpectingAnswer(ID, "bad-3", "[9,\"bad-3\",\"Reset\",{}]"))).isEqualTo("FormationViolation");
        // unreadable id: nothing can be answered, the charge point keeps working
        cs.sendRawExpectingAnswer(ID, "never", "{not json");
        assertThat(status("ClearCache", FakeCentralSystem.payload())).isEqualTo("Accepted");
        Map<String, Long> errors = sim.stats().errors();
        assertThat(errors).containsKeys("protocol:malformed-json", "protocol:malformed-frame");
        assertNoViolations();
    }

    @Test
    void largeFramesInBothDirectionsSurviveSmallSocketBuffers() {
        start(fast(Scenario.IDLE, 1));
        awaitAccepted(ID);
        com.fasterxml.jackson.databind.node.ObjectNode start = json("connectorId", 1, "idTag", "BIG-1");
        com.fasterxml.jackson.databind.node.ObjectNode profile = start.putObject("chargingProfile");
        profile.put("chargingProfileId", 1).put("stackLevel", 0).put("chargingProfilePurpose", "TxProfile")
                .put("chargingProfileKind", "Absolute");
        com.fasterxml.jackson.databind.node.ArrayNode periods = profile.putObject("chargingSchedule")
                .put("chargingRateUnit", "W").putArray("chargingSchedulePeriod");
        for (int i = 0; i < 400; i++) {
            periods.addObject().put("startPeriod", i * 60).put("limit", 11000.0).put("numberPhases", 3);
        }
        assertThat(start.toString().length()).isGreaterThan(16_384);
        assertThat(status("RemoteStartTransaction", start)).isEqualTo("Accepted");
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            unknown.add(String.format("UnknownKeyNumber%03d-%s", i, "x".repeat(25)));
        }
        JsonNode answer = callAndWait(ID, "GetConfiguration", json("key", unknown));
        assertThat(answer.toString().length()).isGreaterThan(2_048);
        assertThat(answer.get("unknownKey")).hasSize(50);
        assertNoViolations();
    }

    private String status(String action, com.fasterxml.jackson.databind.node.ObjectNode payload) {
        return callAndWait(ID, action, payload).get("status").asText();
    }

    private static String errorCode(java.util.concurrent.CompletableFuture<JsonNode> answer) throws Exception {
        JsonNode frame = answer.get(5, TimeUnit.SECONDS);
        assertThat(frame.isArray()).as("expected a CALLERROR, got " + frame).isTrue();
        assertThat(frame.get(0).asInt()).isEqualTo(4);
        assertThat(frame).hasSize(5);
        assertThat(frame.get(4).isObject()).isTrue();
        return frame.get(2).asText();
    }

    /** The first CALL of {@code action} recorded after index {@code from}; it must follow our CALLRESULT. */
    private Frame awaitCallAfter(int from, String action) {
        return awaitValue(action + " after trigger", Duration.ofSeconds(5), () -> {
            List<Frame> frames = new ArrayList<>(cs.frames(ID));
            boolean answered = false;
            for (int i = from; i < frames.size(); i++) {
                Frame f = frames.get(i);
                if (f.inbound() && f.type() == 3) {
                    answered = true;
                }
                if (answered && f.inbound() && action.equals(f.action())) {
                    return f;
                }
            }
            return null;
        });
    }
}
