package io.chargeledger.session.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records something odd about a session without changing it; anomaly is a code, preferably from {@link SessionAnomalies}. */
public record FlagSessionAnomaly(@TargetAggregateIdentifier String sessionId, String anomaly, String detail) {
}
