package io.chargeledger.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.simulator.FakeCentralSystem.Frame;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Simulated charge points against the fake central system, over real WebSockets on 127.0.0.1. */
class ChargePointBehaviourTest extends SimulatorTestSupport {

    @Test
    void bootsFirstWithCredentialsThenReportsStatusAndHeartbeats() {
        start(fast(Scenario.IDLE, 2).password("s3cret").connectors(2));
        for (String id : List.of("SIM-00001", "SIM-00002")) {
            await("heartbeat from " + id, Duration.ofSeconds(10), () -> !cs.calls(id, "Heartbeat").isEmpty());
            List<Frame> calls = cs.calls(id);
            Frame boot = calls.get(0);
            assertThat(boot.action()).isEqualTo("BootNotification");
            assertThat(boot.payload().get("chargePointVendor").asText()).isEqualTo("ChargeLedger");
            assertThat(boot.payload().get("chargePointModel").asText()).isEqualTo("Simulator");
            assertThat(boot.payload().get("chargePointSerialNumber").asText()).isNotBlank();
            assertThat(boot.payload().get("firmwareVersion").asText()).isEqualTo(Simulator.FIRMWARE_VERSION);
            List<Frame> statuses = cs.calls(id, "StatusNotification");
            assertThat(statuses).extracting(f -> f.payload().get("connectorId").asInt()).startsWith(0, 1, 2);
            assertThat(statuses.subList(0, 3)).allSatisfy(f -> {
                assertThat(f.payload().get("status").asText()).isEqualTo("Available");
                assertThat(f.payload().get("errorCode").asText()).isEqualTo("NoError");
            });
            String expected = "Basic " + Base64.getEncoder()
                    .encodeToString((id + ":s3cret").getBytes(StandardCharsets.UTF_8));
            assertThat(cs.authorizationHeaders).contains(expected);
            assertThat(calls).extracting(Frame::messageId).doesNotHaveDuplicates();
        }
        assertThat(cs.requestedProtocols).containsOnly("ocpp1.6");
        Summary summary = sim.stop();
        assertNoViolations();
        // a heartbeat sent just before the stop may still be on its way to the central system, and unanswered:
        // each charger has at most one CALL outstanding
        await("every CALL sent reached the central system", Duration.ofSeconds(5),
                () -> cs.totalCalls() == summary.callsSent());
        assertThat(summary.callResults()).isBetween(summary.callsSent() - 2, summary.callsSent());
        assertThat(summary.bootsAccepted()).isEqualTo(2);
        assertThat(summary.latency().get("BootNotification").count()).isEqualTo(2);
        assertThat(summary.latency().get("Heartbeat").count()).isGreaterThanOrEqualTo(2);
        assertThat(summary.errors()).isEmpty();
        assertThat(summary.toText()).contains("BootNotification").contains("p99");
    }

    @Test
    void sessionsScenarioRunsWellOrderedTransactions() throws Exception {
        cs.responseDelayMillis = 15;     // make the simulator queue its CALLs
        start(fast(Scenario.SESSIONS, 2).sessionsPerCharger(2));
        assertThat(sim.awaitCompletion(Duration.ofSeconds(25))).as("scenario completed").isTrue();
        Summary summary = sim.stop();
        assertNoViolations();

        for (int n = 1; n <= 2; n++) {
            String id = String.format("SIM-%05d", n);
            String tag = String.format("TAG-%05d", n);
            List<Frame> calls = cs.calls(id);
            assertThat(calls.get(0).action()).isEqualTo("BootNotification");
            Map<Integer, Long> meterStartByTx = new HashMap<>();
            Set<Integer> stopped = new HashSet<>();
            long lastRegister = -1;
            String previous = null;
            for (Frame f : calls) {
                JsonNode p = f.payload();
                switch (f.action()) {
                    case "Authorize" -> assertThat(p.get("idTag").asText()).isEqualTo(tag);
                    case "StartTransaction" -> {
                        assertThat(previous).as("Authorize precedes StartTransaction").isEqualTo("Authorize");
                        assertThat(p.get("idTag").asText()).isEqualTo(tag);
                        assertThat(p.get("connectorId").asInt()).isEqualTo(1);
                        int tx = resultFor(id, f).get("transactionId").asInt();
                        meterStartByTx.put(tx, p.get("meterStart").asLong());
                        assertThat(p.get("meterStart").asLong()).isGreaterThanOrEqualTo(lastRegister);
                        lastRegister = p.get("meterStart").asLong();
                    }
                    case "MeterValues" -> {
                        int tx = p.get("transactionId").asInt();
                        assertThat(meterStartByTx).as("MeterValues uses a transactionId the server returned").containsKey(tx);
                        assertThat(stopped).doesNotContain(tx);
                        JsonNode sampled = p.get("meterValue").get(0).get("sampledValue");
                        Map<String, JsonNode> byMeasurand = new HashMap<>();
                        sampled.forEach(sv -> byMeasurand.put(sv.get("measurand").asText(), sv));
                        assertThat(byMeasurand).containsKeys("Energy.Active.Import.Register", "Power.Active.Import", "SoC");
                        assertThat(byMeasurand.get("Energy.Active.Import.Register").get("unit").asText()).isEqualTo("Wh");
                        assertThat(byMeasurand.get("Power.Active.Import").get("unit").asText()).isEqualTo("W");
                        assertThat(byMeasurand.get("SoC").get("unit").asText()).isEqualTo("Percent");
                        long register = Long.parseLong(byMeasurand.get("Energy.Active.Import.Register").get("value").asText());
                        assertThat(register).as("energy register is monotonic").isGreaterThanOrEqualTo(lastRegister);
                        lastRegister = register;
                        double soc = Double.parseDouble(byMeasurand.get("SoC").get("value").asText());
                        assertThat(soc).isBetween(0.0, 100.0);
                        double power = Double.parseDouble(byMeasurand.get("Power.Active.Import").get("value").asText());
                        assertThat(power).isBetween(0.0, 11_500.0);
                    }
                    case "StopTransaction" -> {
                        int tx = p.get("transactionId").asInt();
                        assertThat(meterStartByTx).containsKey(tx);
                        assertThat(p.get("meterStop").asLong()).isGreaterThanOrEqualTo(meterStartByTx.get(tx));
                        assertThat(p.get("meterStop").asLong()).isGreaterThanOrEqualTo(lastRegister);
                        lastRegister = p.get("meterStop").asLong();
                        assertThat(p.get("reason").asText()).isEqualTo("Local");
                        assertThat(p.get("idTag").asText()).isEqualTo(tag);
                        assertThat(p.get("transactionData")).hasSize(2);
                        stopped.add(tx);
                    }
                    default -> {
                    }
                }
                previous = f.action();
            }
            assertThat(stopped).hasSize(2);
            assertThat(meterStartByTx).hasSize(2);

            List<String> statuses = cs.calls(id, "StatusNotification").stream()
                    .filter(f -> f.payload().get("connectorId").asInt() == 1)
                    .map(f -> f.payload().get("status").asText())
                    .filter(s -> !s.equals("SuspendedEV"))
                    .toList();
            assertThat(statuses).containsExactly("Available", "Preparing", "Charging", "Finishing", "Available",
                    "Preparing", "Charging", "Finishing", "Available");
        }
        assertThat(summary.sessionsStarted()).isEqualTo(4);
        assertThat(summary.sessionsCompleted()).isEqualTo(4);
        assertThat(summary.activeSessions()).isZero();
        await("every CALL sent reached the central system", Duration.ofSeconds(5),
                () -> cs.totalCalls() == summary.callsSent());
        assertThat(summary.callsByAction().get("StartTransaction")).isEqualTo(4);
        assertThat(summary.latency().get("StartTransaction").count()).isEqualTo(4);
        assertThat(summary.latency().get("StartTransaction").p50()).isGreaterThanOrEqualTo(10.0);
        assertThat(summary.errors()).isEmpty();
    }

    @Test
    void remoteStartRunsATransactionAndRemoteStopEndsIt() {
        start(fast(Scenario.IDLE, 1));
        String id = "SIM-00001";
        awaitAccepted(id);
        JsonNode conf = callAndWait(id, "RemoteStartTransaction", json("connectorId", 1, "idTag", "REMOTE-7"));
        assertThat(conf.get("status").asText()).isEqualTo("Accepted");
        Frame start = awaitValue("StartTransaction", Duration.ofSeconds(5),
                () -> cs.calls(id, "StartTransaction").stream().findFirst().orElse(null));
        assertThat(start.payload().get("idTag").asText()).isEqualTo("REMOTE-7");
        assertThat(cs.calls(id, "Authorize")).as("AuthorizeRemoteTxRequests is false").isEmpty();
        int tx = resultFor(id, start).get("transactionId").asInt();
        await("transactionId known", Duration.ofSeconds(5), () -> Integer.valueOf(tx).equals(sim.chargePoint(id).transactionId(1)));
        await("meter values", Duration.ofSeconds(5), () -> cs.calls(id, "MeterValues").size() >= 2);
        assertThat(cs.calls(id, "MeterValues")).allSatisfy(f -> assertThat(f.payload().get("transactionId").asInt()).isEqualTo(tx));

        assertThat(callAndWait(id, "RemoteStartTransaction", json("idTag", "OTHER")).get("status").asText())
                .as("no free connector").isEqualTo("Rejected");
        assertThat(callAndWait(id, "RemoteStopTransaction", json("transactionId", tx + 1)).get("status").asText())
                .isEqualTo("Rejected");
        assertThat(callAndWait(id, "RemoteStopTransaction", json("transactionId", tx)).get("status").asText())
                .isEqualTo("Accepted");
        Frame stop = awaitValue("StopTransaction", Duration.ofSeconds(5),
                () -> cs.calls(id, "StopTransaction").stream().findFirst().orElse(null));
        assertThat(stop.payload().get("transactionId").asInt()).isEqualTo(tx);
        assertThat(stop.payload().get("reason").asText()).isEqualTo("Remote");
        assertThat(stop.payload().get("meterStop").asLong()).isGreaterThanOrEqualTo(start.payload().get("meterStart").asLong());
        await("Available again", Duration.ofSeconds(5), () -> "Available".equals(sim.chargePoint(id).connectorStatus(1)));
        assertNoViolations();
    }

    @Test
    void softAndHardResetStopTheTransactionReconnectAndBootAgain() {
        start(fast(Scenario.IDLE, 1));
        String id = "SIM-00001";
        awaitAccepted(id);
        callAndWait(id, "RemoteStartTransaction", json("idTag", "RESET-1"));
        await("transaction", Duration.ofSeconds(5), () -> sim.chargePoint(id).transactionId(1) != null);

        assertThat(callAndWait(id, "Reset", json("type", "Soft")).get("status").asText()).isEqualTo("Accepted");
        await("second connection booted", Duration.ofSeconds(10),
                () -> cs.connections(id) == 2 && cs.calls(id).stream().anyMatch(f -> f.connection() == 2
                        && "StatusNotification".equals(f.action())));
        Frame softStop = cs.calls(id, "StopTransaction").get(0);
        assertThat(softStop.payload().get("reason").asText()).isEqualTo("SoftReset");
        assertThat(softStop.connection()).as("soft reset delivers StopTransaction before restarting").isEqualTo(1);
        List<Frame> second = cs.calls(id).stream().filter(f -> f.connection() == 2).toList();
        assertThat(second.get(0).action()).isEqualTo("BootNotification");
        awaitAccepted(id);

        callAndWait(id, "RemoteStartTransaction", json("idTag", "RESET-2"));
        await("transaction", Duration.ofSeconds(5), () -> sim.chargePoint(id).transactionId(1) != null);
        assertThat(callAndWait(id, "Reset", json("type", "Hard")).get("status").asText()).isEqualTo("Accepted");
        await("third connection", Duration.ofSeconds(10), () -> cs.calls(id, "StopTransaction").size() == 2);
        List<Frame> third = cs.calls(id).stream().filter(f -> f.connection() == 3).toList();
        assertThat(third.get(0).action()).isEqualTo("BootNotification");
        // the queued StopTransaction goes out after the reboot's BootNotification; the connectors' StatusNotifications
        // of the new boot may come before or after it (OCPP 1.6 sets no order between them)
        List<Frame> stopsAfterBoot = third.subList(1, third.size()).stream()
                .filter(f -> "StopTransaction".equals(f.action())).toList();
        assertThat(stopsAfterBoot).as("hard reset: StopTransaction after the reboot's BootNotification").hasSize(1);
        assertThat(stopsAfterBoot.get(0).payload().get("reason").asText()).isEqualTo("HardReset");
        assertNoViolations();
    }

    @Test
    void offlineQueueIsFlushedInOrderWithOriginalTimestamps() {
        start(fast(Scenario.IDLE, 1));
        String id = "SIM-00001";
        ChargePoint cp = sim.chargePoint(id);
        awaitAccepted(id);
        callAndWait(id, "RemoteStartTransaction", json("connectorId", 1, "idTag", "ROAD-1"));
        await("meter values", Duration.ofSeconds(5), () -> cs.calls(id, "MeterValues").size() >= 2);
        int tx = cp.transactionId(1);

        cp.simulateOffline(Duration.ofMillis(1500));
        await("offline", Duration.ofSeconds(5), () -> !cs.isConnected(id) && !cp.isConnected());
        Instant offlineSince = Instant.now();
        sleep(600);
        cp.stopSession(1);                            // driver leaves while the charger is offline
        await("reconnected and flushed", Duration.ofSeconds(10),
                () -> cs.connections(id) == 2 && !cs.calls(id, "StopTransaction").isEmpty()
                        && "Available".equals(lastStatus(id)));
        List<Frame> flushed = cs.calls(id).stream().filter(f -> f.connection() == 2).toList();
        Instant reconnectedAt = flushed.get(0).at();
        assertThat(flushed.get(0).action()).as("a network loss is not a reboot: no BootNotification")
                .isNotEqualTo("BootNotification");

        List<String> actions = flushed.stream().map(Frame::action).filter(a -> !a.equals("Heartbeat")).toList();
        int stopAt = actions.indexOf("StopTransaction");
        assertThat(stopAt).isPositive();
        assertThat(actions.subList(0, stopAt)).as("samples taken offline come first").containsOnly("MeterValues");
        assertThat(actions.subList(stopAt + 1, actions.size())).startsWith("StatusNotification", "StatusNotification");

        List<Frame> queued = flushed.stream().filter(f -> !f.action().equals("Heartbeat")).toList();
        Instant previous = Instant.MIN;
        for (Frame f : queued.subList(0, stopAt + 3)) {
            Instant stamp = f.action().equals("MeterValues")
                    ? ts(f.payload().get("meterValue").get(0).get("timestamp"))
                    : ts(f.payload().get("timestamp"));
            assertThat(stamp).as("original timestamp of " + f).isBefore(reconnectedAt).isAfterOrEqualTo(previous);
            previous = stamp;
            if (f.action().equals("MeterValues")) {
                assertThat(f.payload().get("transactionId").asInt()).isEqualTo(tx);
                assertThat(stamp).isAfter(offlineSince.minusMillis(400));
            }
        }
        Frame stop = queued.get(stopAt);
        assertThat(stop.payload().get("transactionId").asInt()).isEqualTo(tx);
        assertThat(queued.get(stopAt + 1).payload().get("status").asText()).isEqualTo("Finishing");
        assertThat(queued.get(stopAt + 2).payload().get("status").asText()).isEqualTo("Available");
        assertNoViolations();
    }

    @Test
    void pendingBootIsRetriedAfterTheIntervalAndConfigurationCanBeReadMeanwhile() {
        cs.bootStatus = (id, n) -> n == 1 ? "Pending" : "Accepted";
        cs.heartbeatInterval = 1;
        start(fast(Scenario.IDLE, 1));
        String id = "SIM-00001";
        await("first boot", Duration.ofSeconds(5), () -> cs.calls(id, "BootNotification").size() == 1
                && !cs.frames(id).get(cs.frames(id).size() - 1).inbound());
        JsonNode config = callAndWait(id, "GetConfiguration", json("key", List.of("NumberOfConnectors")));
        assertThat(config.get("configurationKey").get(0).get("value").asText()).isEqualTo("1");
        awaitAccepted(id);
        List<Frame> calls = cs.calls(id);
        assertThat(calls.get(0).action()).isEqualTo("BootNotification");
        assertThat(calls.get(1).action()).as("nothing but BootNotification while Pending").isEqualTo("BootNotification");
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(sim.stats().rejections()).containsEntry("BootNotification:Pending", 1L);
        assertNoViolations();
    }

    @Test
    void refusedHandshakesAreRetriedWithBackOff() {
        cs.rejectFirstHandshakes = 3;
        start(fast(Scenario.IDLE, 1));
        String id = "SIM-00001";
        awaitAccepted(id);
        assertThat(cs.handshakes(id)).isEqualTo(4);
        Map<String, Long> errors = sim.stats().errors();
        assertThat(errors.entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).startsWith("handshake:4");
            assertThat(e.getValue()).isEqualTo(3L);
        });
        assertNoViolations();
    }

    @Test
    void errorsAndTimeoutsAreCountedAndTransactionMessagesRetried() {
        cs.errorFor.put("Heartbeat", "InternalError");
        cs.errorOnceFor.put("StartTransaction", "InternalError");
        // short enough for the silent Authorize below to time out within the waits, long enough that an answer on a
        // busy machine is not taken for a timeout (500 ms was not: a late InternalError failed CI once)
        start(fast(Scenario.IDLE, 1).callTimeout(Duration.ofMillis(1500)));
        String id = "SIM-00001";
        awaitAccepted(id);
        assertThat(callAndWait(id, "ChangeConfiguration", json("key", "TransactionMessageRetryInterval", "value", "0"))
                .get("status").asText()).isEqualTo("Accepted");
        sim.chargePoint(id).startSession(1, "RETRY-1");
        await("transaction after retry", Duration.ofSeconds(5), () -> sim.chargePoint(id).transactionId(1) != null);
        List<Frame> starts = cs.calls(id, "StartTransaction");
        assertThat(starts).hasSize(2);
        assertThat(starts.get(1).payload()).as("a retry repeats the same message").isEqualTo(starts.get(0).payload());
        assertThat(starts.get(1).messageId()).isNotEqualTo(starts.get(0).messageId());

        cs.silentFor.add("Authorize");
        sim.chargePoint(id).stopSession(1);
        await("Available", Duration.ofSeconds(5), () -> "Available".equals(sim.chargePoint(id).connectorStatus(1)));
        sim.chargePoint(id).startSession(1, "SILENT-1");
        await("authorize timeout", Duration.ofSeconds(5),
                () -> sim.stats().errors().getOrDefault("timeout:Authorize", 0L) == 1L);
        await("heartbeat error", Duration.ofSeconds(5),
                () -> sim.stats().errors().getOrDefault("callerror:Heartbeat:InternalError", 0L) >= 1L);
        await("session abandoned", Duration.ofSeconds(5), () -> "Available".equals(sim.chargePoint(id).connectorStatus(1)));
        Summary s = sim.stop();
        assertThat(s.errors()).containsEntry("callerror:StartTransaction:InternalError", 1L);
        assertThat(s.callErrors()).isGreaterThanOrEqualTo(2);
        assertNoViolations();
    }

    @Test
    void stormDropsAllConnectionsAtOnceAndEveryChargerBootsAgain() {
        start(fast(Scenario.STORM, 3).stormInterval(Duration.ofMillis(1200)));
        for (int n = 1; n <= 3; n++) {
            String id = String.format("SIM-%05d", n);
            await(id + " third boot", Duration.ofSeconds(15), () -> cs.calls(id, "BootNotification").size() >= 3
                    && cs.calls(id).stream().anyMatch(f -> f.connection() == 3 && "StatusNotification".equals(f.action())));
            for (int c = 1; c <= 3; c++) {
                int connection = c;
                Frame first = cs.calls(id).stream().filter(f -> f.connection() == connection).findFirst().orElseThrow();
                assertThat(first.action()).isEqualTo("BootNotification");
            }
        }
        Summary s = sim.stop();
        assertThat(s.connects()).isGreaterThanOrEqualTo(9);
        assertThat(s.bootsAccepted()).isGreaterThanOrEqualTo(9);
        assertNoViolations();
    }

    @Test
    void faultsScenarioReportsFaultsRebootsAndOfflinePeriodsConsistently() {
        start(fast(Scenario.FAULTS, 3)
                .faultInterval(Duration.ofMillis(700))
                .offlineDuration(Duration.ofMillis(800))
                .sessionDuration(Duration.ofMillis(1200))
                .seed(7));
        await("faults, reboots and offline periods", Duration.ofSeconds(25), () -> {
            boolean faulted = false;
            boolean reconnected = false;
            for (int n = 1; n <= 3; n++) {
                String id = String.format("SIM-%05d", n);
                faulted |= cs.calls(id, "StatusNotification").stream()
                        .anyMatch(f -> f.payload().get("status").asText().equals("Faulted"));
                reconnected |= cs.connections(id) >= 3;
            }
            return faulted && reconnected;
        });
        sim.stop();
        for (int n = 1; n <= 3; n++) {
            String id = String.format("SIM-%05d", n);
            Map<Integer, Long> meterStart = new HashMap<>();
            List<Long> registers = new ArrayList<>();
            String lastStatus = null;
            for (Frame f : cs.calls(id)) {
                JsonNode p = f.payload();
                switch (f.action()) {
                    case "StartTransaction" -> {
                        meterStart.put(resultFor(id, f).get("transactionId").asInt(), p.get("meterStart").asLong());
                        registers.add(p.get("meterStart").asLong());
                    }
                    case "MeterValues" -> {
                        assertThat(meterStart).containsKey(p.get("transactionId").asInt());
                        registers.add(Long.parseLong(p.get("meterValue").get(0).get("sampledValue").get(0).get("value").asText()));
                    }
                    case "StopTransaction" -> {
                        int tx = p.get("transactionId").asInt();
                        assertThat(meterStart).containsKey(tx);
                        assertThat(p.get("meterStop").asLong()).isGreaterThanOrEqualTo(meterStart.get(tx));
                        registers.add(p.get("meterStop").asLong());
                    }
                    case "StatusNotification" -> {
                        if (p.get("connectorId").asInt() == 1) {
                            String status = p.get("status").asText();
                            if (status.equals("Faulted")) {
                                assertThat(p.get("errorCode").asText()).isNotEqualTo("NoError");
                            } else {
                                assertThat(p.get("errorCode").asText()).isEqualTo("NoError");
                            }
                            if ("Faulted".equals(lastStatus)) {
                                assertThat(status).isIn("Available", "Unavailable");
                            }
                            lastStatus = status;
                        }
                    }
                    default -> {
                    }
                }
            }
            assertThat(registers).as("energy register of " + id + " never goes backwards").isSorted();
        }
        assertNoViolations();
    }

    @Test
    void manyChargersShareAFewThreads() {
        int before = Thread.activeCount();
        start(fast(Scenario.SESSIONS, 60).sessionsPerCharger(1).threads(2).rampPerSecond(400));
        await("all connected", Duration.ofSeconds(15), () -> sim.connectedCount() == 60);
        assertThat(Thread.activeCount() - before).as("threads added for 60 charge points").isLessThan(15);
        assertThat(awaitCompletion(Duration.ofSeconds(20))).isTrue();
        Summary s = sim.stop();
        assertThat(s.sessionsCompleted()).isEqualTo(60);
        assertThat(s.peakConnected()).isEqualTo(60);
        assertNoViolations();
    }

    private boolean awaitCompletion(Duration d) {
        try {
            return sim.awaitCompletion(d);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private String lastStatus(String id) {
        List<Frame> statuses = cs.calls(id, "StatusNotification");
        return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1).payload().get("status").asText();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
