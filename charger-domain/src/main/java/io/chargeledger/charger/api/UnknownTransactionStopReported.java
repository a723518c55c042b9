package io.chargeledger.charger.api;

import java.time.Instant;

public record UnknownTransactionStopReported(
        String chargePointId,
        int transactionId,
        long meterStopWh,
        Instant chargerTimestamp,
        String reason,
        String idTag) {
}
