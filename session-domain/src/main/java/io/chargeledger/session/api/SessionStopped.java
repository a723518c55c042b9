package io.chargeledger.session.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The end of a session with its billable totals. cost and currency are null for an unpriced session. idTag is the
 * tag the session started with (the one holding a session slot, to be released); stopIdTag the one that stopped
 * it, if the charger said. anomalies holds {@link SessionAnomalies} codes found at the stop.
 */
public record SessionStopped(
        String sessionId,
        int transactionId,
        long meterStopWh,
        String reason,
        Instant chargerTimestamp,
        Instant receivedAt,
        long energyWh,
        BigDecimal cost,
        String currency,
        List<String> anomalies,
        String idTag,
        String stopIdTag) {

    public SessionStopped {
        anomalies = anomalies == null ? List.of() : List.copyOf(anomalies);
    }
}
