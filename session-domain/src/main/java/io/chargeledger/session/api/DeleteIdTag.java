package io.chargeledger.session.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a tag: it answers Invalid from then on, until it is registered again. */
public record DeleteIdTag(String idTag) {

    public DeleteIdTag {
        idTag = IdTokens.canonical(idTag);
    }

    /** Tags live in their own namespace in the event store, apart from charger identities. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return IdTokens.aggregateId(idTag);
    }
}
