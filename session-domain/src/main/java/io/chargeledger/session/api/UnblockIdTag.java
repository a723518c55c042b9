package io.chargeledger.session.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a blocked tag Accepted again; a tag that is not blocked is left as it is. */
public record UnblockIdTag(String idTag) {

    public UnblockIdTag {
        idTag = IdTokens.canonical(idTag);
    }

    /** Tags live in their own namespace in the event store, apart from charger identities. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return IdTokens.aggregateId(idTag);
    }
}
