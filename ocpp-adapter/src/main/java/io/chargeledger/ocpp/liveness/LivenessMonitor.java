package io.chargeledger.ocpp.liveness;

import io.chargeledger.charger.api.RecordLiveness;
import io.chargeledger.ocpp.connection.ChargePointConnection;
import io.chargeledger.ocpp.connection.ConnectionRegistry;
import io.chargeledger.ocpp.handlers.OcppCallContext;
import io.chargeledger.ocpp.server.OcppSettings;
import io.chargeledger.ocpp.server.OcppWebSocketHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats without an event per heartbeat. Every frame refreshes a connection's in-memory lastSeen; this
 * monitor, run every few seconds:
 * <ul>
 *   <li>writes changed lastSeen values to the read model in one batch (so it is never staler than the flush
 *       interval, which is kept below the heartbeat interval);</li>
 *   <li>records at most one {@code ChargerSeen} event per charger per liveness period (default 5 min), so the
 *       audit log shows the charger alive without growing by every heartbeat;</li>
 *   <li>closes and records as disconnected a charger silent for more than 2 x heartbeat interval + grace.</li>
 * </ul>
 */
public class LivenessMonitor {

    private static final Logger log = LoggerFactory.getLogger(LivenessMonitor.class);
    private static final int CLOSE_GOING_AWAY = 1001;

    private final ConnectionRegistry registry;
    private final LivenessSink sink;
    private final CommandGateway commands;
    private final OcppWebSocketHandler handler;
    private final OcppSettings settings;
    private Instant lastFlush = Instant.EPOCH;

    public LivenessMonitor(ConnectionRegistry registry, LivenessSink sink, CommandGateway commands,
                           OcppWebSocketHandler handler, OcppSettings settings) {
        this.registry = registry;
        this.sink = sink;
        this.commands = commands;
        this.handler = handler;
        this.settings = settings;
    }

    public synchronized void run() {
        Instant now = Instant.now();
        boolean flushDue = !now.isBefore(lastFlush.plus(settings.livenessFlushInterval()));
        Map<String, Instant> changed = new HashMap<>();
        for (ChargePointConnection connection : registry.all()) {
            if (connection.isClosed()) {
                continue;
            }
            Instant lastSeen = connection.lastSeen();
            if (Duration.between(lastSeen, now).compareTo(settings.silenceLimit()) > 0) {
                disconnectSilent(connection, lastSeen);
                continue;
            }
            if (flushDue && lastSeen.isAfter(connection.lastSeenFlushed())) {
                changed.put(connection.chargePointId(), lastSeen);
                connection.lastSeenFlushed(lastSeen);
            }
            if (connection.registrationStatus().accepted()
                    && !now.isBefore(connection.lastLivenessRecorded().plus(settings.livenessEventPeriod()))) {
                connection.livenessRecorded(now);
                commands.send(new RecordLiveness(connection.chargePointId(), lastSeen),
                        OcppCallContext.connectionMetaData(connection.chargePointId()));
            }
        }
        if (flushDue) {
            lastFlush = now;
            if (!changed.isEmpty()) {
                try {
                    sink.lastSeen(changed);
                } catch (RuntimeException e) {
                    log.warn("Could not write lastSeen of {} chargers; retrying next round", changed.size(), e);
                    changed.keySet().forEach(id -> registry.find(id).ifPresent(c -> c.lastSeenFlushed(Instant.EPOCH)));
                }
            }
        }
    }

    private void disconnectSilent(ChargePointConnection connection, Instant lastSeen) {
        String reason = "Heartbeat timeout: silent since " + lastSeen;
        log.info("Disconnecting {}: {}", connection.chargePointId(), reason);
        connection.close(CLOSE_GOING_AWAY, "Heartbeat timeout");
        // The socket may be half-open and never report its close: record the disconnection now.
        handler.onClosedByServer(connection, reason);
    }
}
