package io.chargeledger.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Starts a fake central system per test and offers fast simulator settings and polling helpers. */
abstract class SimulatorTestSupport {

    FakeCentralSystem cs;
    Simulator sim;

    @BeforeEach
    void startCentralSystem() throws InterruptedException {
        cs = FakeCentralSystem.startNew();
    }

    @AfterEach
    void stopEverything() {
        if (sim != null) {
            sim.stop();
        }
        cs.shutdown();
    }

    SimulatorConfig.Builder fast(Scenario scenario, int chargers) {
        return SimulatorConfig.builder(cs.url())
                .chargers(chargers)
                .scenario(scenario)
                .rampPerSecond(0)
                .meterInterval(Duration.ofMillis(200))
                .sessionDuration(Duration.ofMillis(800))
                .sessionPause(Duration.ofMillis(200))
                .callTimeout(Duration.ofSeconds(2))
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofSeconds(1))
                .rebootDelay(Duration.ofMillis(200))
                .shutdownGrace(Duration.ofSeconds(2))
                .seed(42);
    }

    Simulator start(SimulatorConfig.Builder b) {
        sim = Simulator.start(b.build());
        return sim;
    }

    static void await(String what, Duration max, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    static <T> T awaitValue(String what, Duration max, Supplier<T> value) {
        Object[] holder = new Object[1];
        await(what, max, () -> (holder[0] = value.get()) != null);
        @SuppressWarnings("unchecked")
        T t = (T) holder[0];
        return t;
    }

    JsonNode callAndWait(String chargerId, String action, ObjectNode payload) {
        try {
            return cs.call(chargerId, action, payload).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(action + " to " + chargerId + " was not answered", e);
        }
    }

    void awaitAccepted(String chargerId) {
        ChargePoint cp = sim.chargePoint(chargerId);
        await(chargerId + " accepted", Duration.ofSeconds(10), () -> cp.isAccepted() && cs.isConnected(chargerId));
    }

    /** The CALLRESULT payload the fake server sent for a charge point's CALL. */
    JsonNode resultFor(String chargerId, FakeCentralSystem.Frame call) {
        return awaitValue("result of " + call, Duration.ofSeconds(5), () -> cs.frames(chargerId).stream()
                .filter(f -> !f.inbound() && f.type() == 3 && f.messageId().equals(call.messageId())
                        && f.connection() == call.connection())
                .map(FakeCentralSystem.Frame::payload)
                .reduce((a, b) -> b).orElse(null));
    }

    void assertNoViolations() {
        assertThat(cs.violations).as("OCPP violations seen by the fake central system").isEmpty();
    }

    static Instant ts(JsonNode n) {
        return Instant.parse(n.asText());
    }

    static ObjectNode json(Object... kv) {
        ObjectNode o = FakeCentralSystem.payload();
        for (int i = 0; i < kv.length; i += 2) {
            String k = (String) kv[i];
            Object v = kv[i + 1];
            if (v instanceof Integer n) {
                o.put(k, n);
            } else if (v instanceof List<?> list) {
                com.fasterxml.jackson.databind.node.ArrayNode a = o.putArray(k);
                list.forEach(e -> a.add(String.valueOf(e)));
            } else {
                o.put(k, String.valueOf(v));
            }
        }
        return o;
    }
}
