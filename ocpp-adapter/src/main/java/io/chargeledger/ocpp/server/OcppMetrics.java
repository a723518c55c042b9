package io.chargeledger.ocpp.server;

import io.chargeledger.ocpp.connection.ConnectionRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Connected chargers, messages by action and outcome, and processing latency per action. */
public class OcppMetrics {

    private final MeterRegistry registry;

    public OcppMetrics(MeterRegistry registry, ConnectionRegistry connections) {
        this.registry = registry;
        Gauge.builder("ocpp.connections", connections, ConnectionRegistry::size)
                .description("Chargers connected to this node")
                .register(registry);
    }

    /** outcome: "result" or the CALLERROR code. */
    public void inbound(String action, String outcome, Duration processing) {
        Counter.builder("ocpp.messages.inbound").tag("action", action).tag("outcome", outcome)
                .description("CALLs received from chargers").register(registry).increment();
        Timer.builder("ocpp.processing").tag("action", action)
                .description("Time from receiving a CALL to sending its answer")
                .publishPercentileHistogram()
                .register(registry).record(processing);
    }

    /** outcome: "result", the charger's CALLERROR code, "timeout" or "connection-lost". */
    public void outbound(String action, String outcome) {
        Counter.builder("ocpp.messages.outbound").tag("action", action).tag("outcome", outcome)
                .description("CALLs sent to chargers, by how they ended").register(registry).increment();
    }

    public void malformed(String kind) {
        Counter.builder("ocpp.messages.malformed").tag("kind", kind)
                .description("Frames that broke OCPP-J").register(registry).increment();
    }
}
