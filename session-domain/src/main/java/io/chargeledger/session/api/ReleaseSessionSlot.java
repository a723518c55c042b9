package io.chargeledger.session.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReleaseSessionSlot(String idTag, String sessionId) {

    public ReleaseSessionSlot {
        idTag = IdTokens.canonical(idTag);
    }

    /** Tags live in their own namespace in the event store, apart from charger identities. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return IdTokens.aggregateId(idTag);
    }
}
