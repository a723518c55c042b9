package io.chargeledger.projections.api;

import io.chargeledger.session.api.Tariff;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A charging session as the read model knows it. Charger times (startedAt, stoppedAt, meter sample times) are the
 * charger's own clock; the *ReceivedAt fields and requestedAt are the server's. beganAt is what lists sort and
 * filter on: the charger's start time once started, before that the time the remote start was requested. idTag and
 * stopIdTag are canonical (upper case), as id tags are everywhere else. Energy and cost are set when it stops.
 */
public record SessionSummary(
        String sessionId,
        Integer transactionId,
        String chargePointId,
        Integer connectorId,
        String idTag,
        SessionStatus status,
        Boolean authorized,
        String authorizationStatus,
        Long meterStartWh,
        Long meterStopWh,
        Long energyWh,
        BigDecimal cost,
        String currency,
        Tariff tariff,
        Instant beganAt,
        Instant startedAt,
        Instant startReceivedAt,
        Instant stoppedAt,
        Instant stopReceivedAt,
        String stopReason,
        String stopIdTag,
        String requestedBy,
        Instant requestedAt,
        Instant remoteStartExpiresAt,
        Boolean remoteStartAccepted,
        Instant remoteStartExpiredAt,
        String remoteStopRequestedBy,
        Instant remoteStopRequestedAt,
        String supersededBy,
        Integer reservationId,
        List<SessionAnomaly> anomalies,
        Instant lastMeterValueAt,
        long version) {
}
