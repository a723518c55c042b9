package io.chargeledger.session.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReleaseSessionSlot(@TargetAggregateIdentifier String idTag, String sessionId) {

    public ReleaseSessionSlot {
        idTag = IdTokens.canonical(idTag);
    }
}
