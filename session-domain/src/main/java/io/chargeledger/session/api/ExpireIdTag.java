package io.chargeledger.session.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a tag's status to Expired, whatever its expiryDate; expiring twice changes nothing. */
public record ExpireIdTag(String idTag) {

    public ExpireIdTag {
        idTag = IdTokens.canonical(idTag);
    }

    /** Tags live in their own namespace in the event store, apart from charger identities. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return IdTokens.aggregateId(idTag);
    }
}
