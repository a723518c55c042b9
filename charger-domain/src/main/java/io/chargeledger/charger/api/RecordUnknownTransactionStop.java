package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;

/**
 * A StopTransaction for a transactionId the central system never issued. It is still acknowledged (chargers
 * retry errors forever) and kept on the charger's record for audit.
 */
public record RecordUnknownTransactionStop(
        @TargetAggregateIdentifier String chargePointId,
        int transactionId,
        long meterStopWh,
        Instant chargerTimestamp,
        String reason,
        String idTag) {
}
