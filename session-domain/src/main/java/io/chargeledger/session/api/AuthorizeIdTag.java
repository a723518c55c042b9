package io.chargeledger.session.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the tag itself whether it may charge at {@code at}; the handler returns an {@link IdTagInfo} and records
 * nothing. A command rather than a query because the answer must come from the aggregate's consistent state,
 * never from a projection that may lag behind a block.
 */
public record AuthorizeIdTag(String idTag, Instant at) {

    public AuthorizeIdTag {
        idTag = IdTokens.canonical(idTag);
    }

    /** Tags live in their own namespace in the event store, apart from charger identities. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return IdTokens.aggregateId(idTag);
    }
}
