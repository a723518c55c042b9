package io.chargeledger.session.api;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A charger's StopTransaction. reason null means OCPP's default {@value #DEFAULT_REASON}; idTag is the tag that
 * stopped the session (optional in OCPP); transactionData is recorded as meter values before the stop.
 */
public record StopSession(
        @TargetAggregateIdentifier String sessionId,
        long meterStopWh,
        Instant chargerTimestamp,
        Instant receivedAt,
        String reason,
        String idTag,
        List<MeterSample> transactionData) {

    public static final String DEFAULT_REASON = "Local";

    public StopSession {
        transactionData = transactionData == null ? List.of() : List.copyOf(transactionData);
    }
}
