package io.chargeledger.session.api;

import java.time.Instant;

/** authorized is false when the charger started without an Accepted authorization: a flagged session. */
public record SessionStarted(
        String sessionId,
        int transactionId,
        String chargePointId,
        int connectorId,
        String idTag,
        long meterStartWh,
        Instant chargerTimestamp,
        Instant receivedAt,
        Tariff tariff,
        IdTagInfo authorization,
        Integer reservationId,
        boolean authorized) {
}
