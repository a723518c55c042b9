package io.chargeledger.session.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Blocks a tag (lost or stolen card); blocking a blocked tag changes nothing. */
public record BlockIdTag(String idTag) {

    public BlockIdTag {
        idTag = IdTokens.canonical(idTag);
    }

    /** Tags live in their own namespace in the event store, apart from charger identities. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return IdTokens.aggregateId(idTag);
    }
}
