package io.chargeledger.session.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by a deadline scheduler at or after the remote start's expiresAt. */
public record ExpireRemoteStart(@TargetAggregateIdentifier String sessionId, Instant at) {
}
