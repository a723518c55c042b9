package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;

/**
 * A periodic, rate-limited trace of heartbeats in the audit log. Heartbeats themselves are never events:
 * the adapter keeps liveness in memory and sends this at most once per charger per configured period.
 */
public record RecordLiveness(@TargetAggregateIdentifier String chargePointId, Instant lastSeen) {
}
