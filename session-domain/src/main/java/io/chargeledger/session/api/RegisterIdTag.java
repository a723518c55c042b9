package io.chargeledger.session.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers an id tag (RFID card, app token). expiryDate, parentIdTag, maxActiveSessions (null = no limit)
 * and owner (a username) are optional.
 */
public record RegisterIdTag(
        String idTag,
        IdTagStatus status,
        Instant expiryDate,
        String parentIdTag,
        Integer maxActiveSessions,
        String owner) {

    public RegisterIdTag {
        idTag = IdTokens.canonical(idTag);
        parentIdTag = IdTokens.canonical(parentIdTag);
    }

    /** Tags live in their own namespace in the event store, apart from charger identities. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return IdTokens.aggregateId(idTag);
    }
}
