package io.chargeledger.ocpp.server;

import java.time.Duration;

/**
 * How the OCPP endpoint behaves; bound from {@code chargeledger.ocpp.*} by the application.
 *
 * @param nodeId               this node's name in ChargerConnected events (crash recovery finds its chargers by it)
 * @param heartbeatInterval    interval given to Accepted chargers in BootNotification.conf
 * @param pendingRetryInterval interval given to Pending chargers: when to boot again
 * @param watchdogGrace        a charger silent for 2 x heartbeatInterval + this is disconnected
 * @param livenessEventPeriod  at most one ChargerSeen event per charger per period
 * @param livenessFlushInterval how often lastSeen is written to the read model (must be below heartbeatInterval)
 * @param callTimeout          how long an outbound CALL waits for the charger's answer
 * @param maxFrameBytes        larger frames close the socket with 1009
 * @param autoRegisterUnknown  register unknown chargers (Pending until accepted) instead of refusing them
 * @param maxConcurrentHandshakes handshakes checked at the same time; more are answered 503 with Retry-After
 */
public record OcppSettings(
        String nodeId,
        Duration heartbeatInterval,
        Duration pendingRetryInterval,
        Duration watchdogGrace,
        Duration livenessEventPeriod,
        Duration livenessFlushInterval,
        Duration callTimeout,
        int maxFrameBytes,
        boolean autoRegisterUnknown,
        int maxConcurrentHandshakes) {

    public Duration silenceLimit() {
        return heartbeatInterval.multipliedBy(2).plus(watchdogGrace);
    }
}
