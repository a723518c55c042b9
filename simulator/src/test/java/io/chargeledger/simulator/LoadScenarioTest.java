package io.chargeledger.simulator;

import io.chargeledger.simulator.FakeCentralSystem.Frame;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The load generator scenarios (closed and open loop) against the fake central system. No timing assertions. */
class LoadScenarioTest extends SimulatorTestSupport {

    private static final List<String> SESSION_MIX = List.of("Authorize", "StartTransaction", "MeterValues",
            "MeterValues", "MeterValues", "MeterValues", "MeterValues", "StopTransaction", "StatusNotification",
            "Heartbeat");
    private static final List<String> CHATTER_MIX = List.of("BootNotification", "StatusNotification", "Heartbeat");

    /** The charge point's CALLs after its first boot and the StatusNotifications of connector 0 and 1. */
    private List<Frame> mixCalls(String id) {
        List<Frame> calls = cs.calls(id);
        assertThat(calls.get(0).action()).isEqualTo("BootNotification");
        assertThat(calls.subList(1, 3)).extracting(Frame::action).containsOnly("StatusNotification");
        return calls.subList(3, calls.size());
    }

    @Test
    void closedLoopRepeatsTheFullSessionMixOneCallAtATime() {
        cs.responseDelayMillis = 2;
        start(fast(Scenario.LOAD, 3));
        for (int n = 1; n <= 3; n++) {
            String id = String.format("SIM-%05d", n);
            await("two mix cycles of " + id, Duration.ofSeconds(20), () -> cs.calls(id, "Heartbeat").size() >= 2);
        }
        Summary summary = sim.stop();
        assertNoViolations();              // among others: never a CALL while the previous one is unanswered
        assertThat(summary.errors()).isEmpty();
        assertThat(summary.scenario()).isEqualTo("load");

        for (int n = 1; n <= 3; n++) {
            String id = String.format("SIM-%05d", n);
            String tag = String.format("TAG-%05d", n);
            List<Frame> mix = mixCalls(id);
            Integer transactionId = null;
            long lastRegister = -1;
            int completeCycles = 0;
            for (int i = 0; i < mix.size(); i++) {
                Frame f = mix.get(i);
                int step = i % SESSION_MIX.size();
                if (i / SESSION_MIX.size() * SESSION_MIX.size() + SESSION_MIX.size() > mix.size()) {
                    // the last, interrupted cycle: only a shutdown StopTransaction may differ from the mix
                    if (!f.action().equals(SESSION_MIX.get(step))) {
                        assertThat(f.action()).isEqualTo("StopTransaction");
                        assertThat(i).isEqualTo(mix.size() - 1);
                    }
                } else if (step == SESSION_MIX.size() - 1) {
                    completeCycles++;
                }
                assertThat(f.action()).as("call %d of %s", i, id).isIn(SESSION_MIX.get(step), "StopTransaction");
                switch (f.action()) {
                    case "Authorize" -> assertThat(f.payload().get("idTag").asText()).isEqualTo(tag);
                    case "StartTransaction" -> {
                        assertThat(f.payload().get("connectorId").asInt()).isEqualTo(1);
                        assertThat(f.payload().get("idTag").asText()).isEqualTo(tag);
                        long meterStart = f.payload().get("meterStart").asLong();
                        assertThat(meterStart).isGreaterThanOrEqualTo(lastRegister);
                        lastRegister = meterStart;
                        transactionId = resultFor(id, f).get("transactionId").asInt();
                    }
                    case "MeterValues" -> {
                        assertThat(f.payload().get("transactionId").asInt()).isEqualTo(transactionId);
                        long register = f.payload().get("meterValue").get(0).get("sampledValue").get(0).get("value").asLong();
                        assertThat(register).isGreaterThan(lastRegister);
                        lastRegister = register;
                    }
                    case "StopTransaction" -> {
                        assertThat(f.payload().get("transactionId").asInt()).isEqualTo(transactionId);
                        assertThat(f.payload().get("meterStop").asLong()).isGreaterThanOrEqualTo(lastRegister);
                        assertThat(f.payload().get("reason").asText()).isEqualTo("Local");
                        transactionId = null;
                    }
                    case "StatusNotification" -> {
                        assertThat(f.payload().get("connectorId").asInt()).isEqualTo(1);
                        assertThat(f.payload().get("status").asText()).isEqualTo("Available");
                    }
                    default -> {
                    }
                }
            }
            assertThat(completeCycles).isGreaterThanOrEqualTo(2);
            assertThat(transactionId).as("a transaction running at shutdown is stopped").isNull();
        }
        for (String action : List.of("Authorize", "StartTransaction", "MeterValues", "StopTransaction",
                "StatusNotification", "Heartbeat")) {
            Summary.Latency l = summary.latency().get(action);
            assertThat(l).as(action).isNotNull();
            assertThat(l.p50()).isLessThanOrEqualTo(l.p90());
            assertThat(l.p90()).isLessThanOrEqualTo(l.p99());
            assertThat(l.p99()).isLessThanOrEqualTo(l.max());
        }
        assertThat(summary.sessionsCompleted()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aRefusedAuthorizeSkipsTheTransaction() {
        cs.authorizeStatus = tag -> "Blocked";
        start(fast(Scenario.LOAD, 1));
        await("two cycles", Duration.ofSeconds(20), () -> cs.calls("SIM-00001", "Heartbeat").size() >= 2);
        Summary summary = sim.stop();
        assertNoViolations();
        assertThat(cs.calls("SIM-00001", "StartTransaction")).isEmpty();
        List<Frame> mix = mixCalls("SIM-00001");
        assertThat(mix.subList(0, 6)).extracting(Frame::action).containsExactly("Authorize", "StatusNotification",
                "Heartbeat", "Authorize", "StatusNotification", "Heartbeat");
        assertThat(summary.rejections()).containsKey("Authorize:Blocked");
        assertThat(summary.errors()).isEmpty();
    }

    @Test
    void failedCallsAreCountedByKindAndTheLoopGoesOn() {
        cs.errorFor.put("MeterValues", "InternalError");
        start(fast(Scenario.LOAD, 2));
        await("two cycles", Duration.ofSeconds(20), () -> cs.calls("SIM-00002", "Heartbeat").size() >= 2);
        Summary summary = sim.stop();
        assertNoViolations();
        assertThat(summary.errors()).containsOnlyKeys("callerror:MeterValues:InternalError");
        assertThat(summary.errors().get("callerror:MeterValues:InternalError"))
                .isEqualTo(summary.callsByAction().get("MeterValues"));
        // not retried: a failed MeterValues of the load mix is simply followed by the next one
        assertThat(cs.calls("SIM-00002", "StopTransaction")).isNotEmpty();
    }

    @Test
    void chatterRepeatsBootStatusAndHeartbeat() {
        start(fast(Scenario.CHATTER, 2));
        await("three chatter cycles", Duration.ofSeconds(20), () -> cs.calls("SIM-00001", "Heartbeat").size() >= 3
                && cs.calls("SIM-00002", "Heartbeat").size() >= 3);
        Summary summary = sim.stop();
        assertNoViolations();
        assertThat(summary.errors()).isEmpty();
        for (String id : List.of("SIM-00001", "SIM-00002")) {
            List<Frame> mix = mixCalls(id);
            List<String> statuses = new ArrayList<>();
            for (int i = 0; i < mix.size(); i++) {
                assertThat(mix.get(i).action()).isEqualTo(CHATTER_MIX.get(i % 3));
                if (mix.get(i).action().equals("StatusNotification")) {
                    assertThat(mix.get(i).payload().get("connectorId").asInt()).isEqualTo(1);
                    statuses.add(mix.get(i).payload().get("status").asText());
                }
            }
            assertThat(statuses).startsWith("Preparing", "Available", "Preparing");
            assertThat(mix.get(0).payload().get("chargePointVendor").asText()).isEqualTo("ChargeLedger");
        }
    }

    @Test
    void openLoopNeverSendsASecondCallWhileOneIsUnansweredAndCountsTheBacklog() {
        cs.silentFor.add("Authorize");          // the first CALL of every mix is never answered
        start(fast(Scenario.LOAD, 4).rate(200).callTimeout(Duration.ofSeconds(60))
                .heartbeatOverride(Duration.ofSeconds(300)));
        await("backlog", Duration.ofSeconds(20), () -> sim.stats().backlog() >= 40);
        Summary summary = sim.stop();
        assertNoViolations();
        long authorizes = 0;
        for (int n = 1; n <= 4; n++) {
            String id = String.format("SIM-%05d", n);
            assertThat(mixCalls(id)).extracting(Frame::action).containsExactly("Authorize");
            authorizes++;
        }
        assertThat(summary.offeredRate()).isEqualTo(200.0);
        assertThat(summary.backlog()).isGreaterThanOrEqualTo(40);
        // every send the pacer offered was either sent, or skipped as backlog or not ready
        assertThat(summary.offered()).isEqualTo(authorizes + summary.backlog() + summary.notReady());
        assertThat(summary.toText()).contains("open loop").contains("backlog");
    }

    @Test
    void openLoopSpreadsTheMixOverTheFleet() {
        start(fast(Scenario.LOAD, 3).rate(300).heartbeatOverride(Duration.ofSeconds(300)));
        for (int n = 1; n <= 3; n++) {
            String id = String.format("SIM-%05d", n);
            await("a full cycle of " + id, Duration.ofSeconds(20), () -> !cs.calls(id, "Heartbeat").isEmpty());
        }
        Summary summary = sim.stop();
        assertNoViolations();
        assertThat(summary.errors()).isEmpty();
        Map<String, Integer> perCharger = new HashMap<>();
        for (int n = 1; n <= 3; n++) {
            String id = String.format("SIM-%05d", n);
            List<Frame> mix = mixCalls(id);
            perCharger.put(id, mix.size());
            for (int i = 0; i < mix.size(); i++) {
                assertThat(mix.get(i).action()).isIn(SESSION_MIX.get(i % SESSION_MIX.size()), "StopTransaction");
            }
        }
        assertThat(perCharger.values()).allSatisfy(calls -> assertThat(calls).isGreaterThanOrEqualTo(SESSION_MIX.size()));
        assertThat(summary.offered()).isGreaterThanOrEqualTo(summary.callsByAction().get("Authorize"));
    }

    @Test
    void windowsSplitTheRunAndResetStartsANewMeasurement() {
        start(fast(Scenario.LOAD, 2).statsWindow(Duration.ofMillis(200)));
        await("all booted", Duration.ofSeconds(10), () -> sim.acceptedCount() == 2);
        await("some load", Duration.ofSeconds(10), () -> sim.stats().callsSent() > 20);
        sim.resetMeasurements();
        Summary fresh = sim.stats();
        assertThat(fresh.callsByAction()).doesNotContainKey("BootNotification");
        await("three windows", Duration.ofSeconds(20), () -> sim.stats().windows().stream()
                .filter(Summary.Window::complete).count() >= 3);
        Summary summary = sim.stop();
        assertNoViolations();
        assertThat(summary.windowSeconds()).isEqualTo(0.2);
        assertThat(summary.windows()).extracting(Summary.Window::index)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, summary.windows().size()).boxed().toList());
        assertThat(summary.windows().stream().mapToLong(Summary.Window::calls).sum()).isEqualTo(summary.callsSent());
        assertThat(summary.windows().stream().mapToLong(Summary.Window::results).sum()).isEqualTo(summary.callResults());
        assertThat(summary.overallLatency().count()).isEqualTo(summary.callResults());
        assertThat(summary.overallLatency().max()).isEqualTo(summary.latency().values().stream()
                .mapToDouble(Summary.Latency::max).max().orElseThrow());
        assertThat(summary.firstWindowCallsPerSecond()).isNotNull();
        assertThat(summary.lastWindowCallsPerSecond()).isNotNull();
        assertThat(summary.lastToFirstWindowPercent()).isNotNull();
        assertThat(summary.callsByAction()).doesNotContainKey("BootNotification");
        assertThat(summary.toJson()).contains("\"windows\"").contains("\"lastWindowCallsPerSecond\"");
        assertThat(summary.toText()).contains("first").contains("last");
    }

    @Test
    void aCallListenerSeesEveryResultWithItsRequest() {
        java.util.List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.Map<Integer, String> stopped = new java.util.concurrent.ConcurrentHashMap<>();
        start(fast(Scenario.LOAD, 1).callListener((id, action, request, result, micros) -> {
            seen.add(id + " " + action);
            assertThat(micros).isNotNegative();
            if (action.equals("StopTransaction")) {
                stopped.put(request.get("transactionId").asInt(), result.path("idTagInfo").path("status").asText());
            }
        }));
        await("a stopped transaction", Duration.ofSeconds(20), () -> !stopped.isEmpty());
        Summary summary = sim.stop();
        assertNoViolations();
        assertThat(seen).hasSize((int) summary.callResults());
        assertThat(seen.get(0)).isEqualTo("SIM-00001 BootNotification");
        assertThat(stopped.values()).containsOnly("Accepted");
    }

    @Test
    void rateIsOnlyForTheLoadGeneratorScenarios() {
        assertThatThrownBy(() -> fast(Scenario.IDLE, 1).rate(10).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
        assertThatThrownBy(() -> fast(Scenario.LOAD, 1).rate(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(fast(Scenario.CHATTER, 1).rate(10).build().rate()).isEqualTo(10.0);
    }
}
