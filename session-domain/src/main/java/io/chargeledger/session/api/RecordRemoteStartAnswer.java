package io.chargeledger.session.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The charger's RemoteStartTransaction.conf status: Accepted or Rejected. */
public record RecordRemoteStartAnswer(@TargetAggregateIdentifier String sessionId, boolean accepted) {
}
